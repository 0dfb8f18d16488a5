package dev.dingbot.dingtalk;

import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.Image;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Images both ways: upload to {@code oapi /media/upload} (legacy token, as the original and production bots do)
 * for a media id a markdown message can embed; download of a user's picture through messageFiles/download, from
 * where the {@link DownloadGuard} lets it, up to a size cap.
 */
final class MediaClient {
    private static final Logger LOG = LoggerFactory.getLogger(MediaClient.class);
    /** Legacy errcodes for an invalid or expired access_token: renew it and upload once more. */
    private static final Set<Integer> STALE_TOKEN = Set.of(40014, 42001);

    private final DownloadGuard downloads;
    private final OpenApiHttp http;
    private final OpenApiCalls calls;
    private final String oapiHost;
    private final AccessTokens legacyTokens;
    private final int maxDownloadBytes;

    MediaClient(DownloadGuard downloads, OpenApiHttp http, OpenApiCalls calls, String oapiHost,
                AccessTokens legacyTokens, int maxDownloadBytes) {
        this.downloads = downloads;
        this.http = http;
        this.calls = calls;
        this.oapiHost = oapiHost;
        this.legacyTokens = legacyTokens;
        this.maxDownloadBytes = maxDownloadBytes;
    }

    Optional<String> upload(ReplyTarget target, Image given) {
        // Name the file after what the bytes are, not what the caller believed (the original named WebP ".png").
        String detected = Image.detectMediaType(given.bytes());
        Image image = detected.equals("application/octet-stream") ? given : new Image(given.bytes(), detected);
        Optional<String> token = legacyTokens.token(target.appId());
        if (token.isEmpty()) return Optional.empty();
        OpenApiHttp.Answer answer = upload(token.get(), image);
        if (STALE_TOKEN.contains(answer.body().path("errcode").asInt(-1))) {
            legacyTokens.invalidate(target.appId(), token.get());
            Optional<String> fresh = legacyTokens.token(target.appId());
            if (fresh.isPresent() && !fresh.get().equals(token.get())) answer = upload(fresh.get(), image);
        }
        String mediaId = answer.body().path("media_id").asText("");
        if (!answer.ok() || answer.body().path("errcode").asInt(-1) != 0 || mediaId.isEmpty()) {
            LOG.warn("Image upload refused: HTTP {} errcode {}", answer.status(),
                    answer.body().path("errcode").asText("?"));
            return Optional.empty();
        }
        return Optional.of(mediaId);
    }

    private OpenApiHttp.Answer upload(String token, Image image) {
        HttpUrl url = HttpUrl.get(oapiHost + "/media/upload").newBuilder()
                .addQueryParameter("access_token", token).build();
        return http.call(() -> new Request.Builder().url(url).post(new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("type", "image")
                .addFormDataPart("media", "image." + image.extension(),
                        RequestBody.create(image.bytes(), MediaType.parse(image.mediaType())))
                .build()).build());
    }

    Optional<Image> download(ReplyTarget target, Attachment attachment) {
        if (attachment.downloadCode().isEmpty()) return Optional.empty();
        var body = calls.object().put("downloadCode", attachment.downloadCode()).put("robotCode", target.robotCode());
        OpenApiHttp.Answer answer = calls.call(target.appId(), "POST", "/v1.0/robot/messageFiles/download",
                () -> body, true);
        HttpUrl downloadUrl = HttpUrl.parse(answer.body().path("downloadUrl").asText(""));
        if (!answer.ok() || downloadUrl == null) return Optional.empty();
        return fetch(downloadUrl).map(Image::of);
    }

    private Optional<byte[]> fetch(HttpUrl url) {
        Optional<OkHttpClient> client = downloads.clientFor(url);
        if (client.isEmpty()) {
            LOG.warn("Picture download from {}://{} refused: only https to a public address", url.scheme(), url.host());
            return Optional.empty();
        }
        try (Response response = client.get().newCall(new Request.Builder().url(url).get().build()).execute()) {
            if (!response.isSuccessful()) { // a redirect too: it is not followed
                LOG.warn("Picture download answered HTTP {}", response.code());
                return Optional.empty();
            }
            if (response.body().contentLength() > maxDownloadBytes) return tooLarge();
            BufferedSource source = response.body().source();
            if (source.request(maxDownloadBytes + 1L)) return tooLarge();
            return Optional.of(source.getBuffer().readByteArray());
        } catch (IOException e) {
            LOG.warn("Picture download failed: {}", e.toString());
            return Optional.empty();
        }
    }

    private Optional<byte[]> tooLarge() {
        LOG.warn("Picture larger than {} bytes refused", maxDownloadBytes);
        return Optional.empty();
    }
}
