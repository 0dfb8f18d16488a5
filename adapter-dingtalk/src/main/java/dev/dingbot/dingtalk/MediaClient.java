package dev.dingbot.dingtalk;

import dev.dingbot.core.model.Attachment;
import dev.dingbot.core.model.Download;
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
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Media both ways: upload of images to {@code oapi /media/upload} (legacy token, as the original and production bots
 * do) for a media id a markdown message can embed; download of what a user sent or quoted (pictures, files)
 * through messageFiles/download, from where the {@link DownloadGuard} lets it, up to a size cap and within the
 * download client's call timeout.
 */
final class MediaClient {
    private static final Logger LOG = LoggerFactory.getLogger(MediaClient.class);
    /** Legacy errcodes for an invalid or expired access_token: renew it and upload once more. */
    private static final Set<Integer> STALE_TOKEN = Set.of(40014, 42001);
    /** The most a byte array holds, whatever cap a caller asks for. */
    private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

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

    /** A picture the user sent, within the picture cap ({@link ReplyTuning#maxDownloadBytes}); empty otherwise. */
    Optional<Image> picture(ReplyTarget target, Attachment attachment) {
        Download download = download(target, attachment, maxDownloadBytes);
        return download.ok() ? Optional.of(Image.of(download.bytes())) : Optional.empty();
    }

    /**
     * What a user sent or quoted, by its download code: messageFiles/download names a temporary URL, which is
     * fetched without credentials where the {@link DownloadGuard} lets it, reading at most {@code maxBytes}.
     */
    Download download(ReplyTarget target, Attachment attachment, long maxBytes) {
        if (attachment.downloadCode().isEmpty()) return Download.unavailable();
        var body = calls.object().put("downloadCode", attachment.downloadCode()).put("robotCode", target.robotCode());
        OpenApiHttp.Answer answer = calls.call(target.appId(), "POST", "/v1.0/robot/messageFiles/download",
                () -> body, true);
        HttpUrl downloadUrl = HttpUrl.parse(answer.body().path("downloadUrl").asText(""));
        if (!answer.ok() || downloadUrl == null) {
            LOG.warn("No download URL for a {} the user sent: HTTP {} {}", kind(attachment), answer.status(),
                    answer.body().path("code").asText(""));
            return Download.unavailable();
        }
        return fetch(downloadUrl, kind(attachment), maxBytes);
    }

    private Download fetch(HttpUrl url, String kind, long maxBytes) {
        // The query of a download URL is what grants it, like a bearer token: only scheme, host and path are logged.
        String where = url.scheme() + "://" + url.host() + url.encodedPath();
        Optional<OkHttpClient> client = downloads.clientFor(url);
        if (client.isEmpty()) {
            LOG.warn("Download of a {} from {} refused: only https to a public address", kind, where);
            return Download.unavailable();
        }
        long cap = Math.min(maxBytes, MAX_ARRAY_BYTES);
        try (Response response = client.get().newCall(new Request.Builder().url(url).get().build()).execute()) {
            if (!response.isSuccessful()) { // a redirect too: it is not followed
                LOG.warn("Download of a {} from {} answered HTTP {}", kind, where, response.code());
                return Download.unavailable();
            }
            long announced = response.body().contentLength(); // -1 without Content-Length (chunked)
            if (announced > cap) return tooLarge(kind, where, announced, cap);
            // Counted while reading: okio holds at most one segment (8 KiB) beyond what is asked for.
            BufferedSource source = response.body().source();
            if (source.request(cap + 1)) return tooLarge(kind, where, -1, cap);
            return Download.ok(source.getBuffer().readByteArray());
        } catch (IOException e) {
            LOG.warn("Download of a {} from {} failed: {}", kind, where, e.toString());
            return Download.unavailable();
        }
    }

    private static Download tooLarge(String kind, String where, long announced, long cap) {
        LOG.warn("Download of a {} from {} stopped: larger than {} bytes{}", kind, where, cap,
                announced < 0 ? "" : " (" + announced + " announced)");
        return Download.tooLarge(announced);
    }

    private static String kind(Attachment attachment) {
        return attachment.kind().name().toLowerCase(Locale.ROOT);
    }
}
