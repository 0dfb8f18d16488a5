package dev.dingbot.testkit.dingtalk;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * The state of one AI card as the fake sees it.
 *
 * @param outTrackId   the caller's card id
 * @param templateId   cardTemplateId
 * @param openSpaceId  where it was delivered, e.g. {@code dtv1.card//IM_GROUP.cid…}
 * @param createBody   the createAndDeliver body
 * @param params       the current card variables (cardParamMap, then streaming and update frames)
 * @param frames       streaming frames received
 * @param finalized    a streaming frame with isFinalize arrived
 * @param error        a streaming frame with isError arrived
 */
public record ApiCard(String outTrackId, String templateId, String openSpaceId, JsonNode createBody,
                      Map<String, String> params, int frames, boolean finalized, boolean error) {

    public String param(String key) {
        return params.getOrDefault(key, "");
    }
}
