package dev.dingbot.dingtalk;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An HTTP-mode callback whose headers were checked: refused at once (its body need not be read), or signed and
 * waiting for its body.
 */
public final class CallbackCheck {

    private final CallbackResponse refusal;
    private final Function<byte[], CallbackResponse> receiver;

    private CallbackCheck(CallbackResponse refusal, Function<byte[], CallbackResponse> receiver) {
        this.refusal = refusal;
        this.receiver = receiver;
    }

    static CallbackCheck refused(CallbackResponse refusal) {
        return new CallbackCheck(Objects.requireNonNull(refusal), null);
    }

    static CallbackCheck accepted(Function<byte[], CallbackResponse> receiver) {
        return new CallbackCheck(null, Objects.requireNonNull(receiver));
    }

    /** The answer to a callback refused on its headers; empty when its body should be read and received. */
    public Optional<CallbackResponse> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** Checks the body of a callback whose headers were accepted and hands its message to the bot. */
    public CallbackResponse receive(byte[] body) {
        if (receiver == null) throw new IllegalStateException("the callback was refused on its headers");
        return receiver.apply(body);
    }
}
