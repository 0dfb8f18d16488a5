package dev.dingbot.testkit.dingtalk;

import mockwebserver3.MockResponse;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a {@code /media/upload} multipart form the way DingTalk does: field {@code type}, file part {@code media}. */
final class ApiMediaUpload {
    private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
    private static final Pattern FILE_NAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");

    private ApiMediaUpload() {
    }

    static MockResponse accept(ApiRequest request, List<ApiMedia> uploads) {
        MediaType contentType = MediaType.parse(request.header("content-type"));
        String boundary = contentType == null ? null : contentType.parameter("boundary");
        if (boundary == null) return ApiResponses.errcode(40035, "缺少参数 media");
        String type = "";
        String fileName = "";
        String partType = "";
        byte[] media = null;
        try (MultipartReader reader = new MultipartReader(new Buffer().write(request.body()), boundary)) {
            MultipartReader.Part next;
            while ((next = reader.nextPart()) != null) {
                try (MultipartReader.Part part = next) {
                    String disposition = part.headers().get("Content-Disposition");
                    String name = group(NAME, disposition);
                    if (name.equals("type")) {
                        type = part.body().readUtf8();
                    } else if (name.equals("media")) {
                        fileName = group(FILE_NAME, disposition);
                        partType = String.valueOf(part.headers().get("Content-Type"));
                        media = part.body().readByteArray();
                    }
                }
            }
        } catch (IOException e) {
            return ApiResponses.errcode(40035, "multipart body unreadable");
        }
        if (media == null || media.length == 0 || fileName.isEmpty()) return ApiResponses.errcode(40035, "缺少参数 media");
        if (!List.of("image", "voice", "video", "file").contains(type)) {
            return ApiResponses.errcode(40004, "不合法的媒体文件类型");
        }
        String mediaId = "@lADPfake" + (uploads.size() + 1);
        uploads.add(new ApiMedia(mediaId, type, fileName, partType, media));
        return ApiResponses.ok(Map.of("errcode", 0, "errmsg", "ok", "media_id", mediaId,
                "created_at", System.currentTimeMillis(), "type", type));
    }

    private static String group(Pattern pattern, String text) {
        if (text == null) return "";
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : "";
    }
}
