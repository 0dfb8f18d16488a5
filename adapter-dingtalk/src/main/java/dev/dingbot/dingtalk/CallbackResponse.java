package dev.dingbot.dingtalk;

/**
 * What to answer an HTTP-mode callback: a status and a short plain-text body. A 200 has an empty body, because
 * DingTalk may read a JSON body as a synchronous reply.
 */
public record CallbackResponse(int status, String body) {

    static final CallbackResponse ACCEPTED = new CallbackResponse(200, "");
    static final CallbackResponse UNAUTHORIZED = new CallbackResponse(401, "invalid or missing signature");
    static final CallbackResponse FORBIDDEN = new CallbackResponse(403, "this outgoing robot's group is not allowed");
    static final CallbackResponse TOO_LARGE = new CallbackResponse(413, "callback body too large");
    static final CallbackResponse MALFORMED = new CallbackResponse(400, "not a bot message");
    static final CallbackResponse FAILED = new CallbackResponse(500, "the message could not be taken in");
    static final CallbackResponse NOT_SAVED = new CallbackResponse(503,
            "the message could not be saved; try again later");
}
