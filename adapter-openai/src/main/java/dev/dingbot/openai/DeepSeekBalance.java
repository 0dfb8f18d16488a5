package dev.dingbot.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dingbot.core.model.Balance;
import dev.dingbot.core.port.BalanceSource;
import dev.dingbot.modelhttp.Json;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** DeepSeek's {@code GET /user/balance}: amounts are JSON strings, read as BigDecimal. */
final class DeepSeekBalance implements BalanceSource {

    private final Transport transport;
    private final String url;

    DeepSeekBalance(Transport transport, String apiBase) {
        this.transport = transport;
        // /user/balance hangs from the host root, not from /v1.
        this.url = HttpUrl.get(apiBase).newBuilder().encodedPath("/user/balance").build().toString();
    }

    @Override
    public Balance balance() {
        try (Response response = transport.send(new Request.Builder().url(url).get().build())) {
            if (!response.isSuccessful()) {
                return new Balance.Failed("余额查询失败：" + transport.failureOf("balance", response).message());
            }
            JsonNode root = Json.parseOrNull(response.body().string());
            if (root == null) return new Balance.Failed("余额查询失败：返回的不是 JSON");
            List<Balance.Amount> amounts = new ArrayList<>();
            for (JsonNode info : root.path("balance_infos")) {
                amounts.add(new Balance.Amount(Json.text(info, "currency"), new BigDecimal(Json.text(info, "total_balance"))));
            }
            return new Balance.Known(amounts);
        } catch (IOException e) {
            return new Balance.Failed("余额查询失败：" + transport.reported("balance", Failure.fromIo(e), Transport.NO_REQUEST_ID).message());
        } catch (NumberFormatException e) {
            return new Balance.Failed("余额查询失败：金额格式无法识别");
        }
    }
}
