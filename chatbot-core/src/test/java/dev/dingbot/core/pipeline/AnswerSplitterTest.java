package dev.dingbot.core.pipeline;

import dev.dingbot.core.pipeline.AnswerSplitter.Part;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnswerSplitterTest {

    @Test
    void an_answer_that_fits_is_one_unchanged_part() {
        String answer = "Short answer\n\n```go\nfmt.Println(1)\n```";

        assertThat(AnswerSplitter.split(answer, answer.length())).containsExactly(answer);
    }

    @Test
    void a_30_kb_answer_with_code_blocks_splits_into_balanced_parts_that_rebuild_it() {
        String answer = longAnswer(new Random(7), 30 * 1024);
        assertThat(answer.length()).isGreaterThanOrEqualTo(30 * 1024);

        for (int maxChars : new int[] {500, 2000, 4000}) {
            List<Part> parts = AnswerSplitter.parts(answer, maxChars);

            assertValidSplit(answer, maxChars, parts);
            assertThat(parts).as("some cut falls inside a code block").anyMatch(part -> !part.reopen().isEmpty());
            int cut = 0;
            for (int i = 0; i < parts.size() - 1; i++) {
                cut += parts.get(i).body().length();
                String before = answer.substring(0, cut);
                List<String> fencesBefore = before.lines().filter(AnswerSplitterTest::isFence).toList();
                boolean insideCode = fencesBefore.size() % 2 == 1;
                assertThat(parts.get(i).close().isEmpty()).as("close after part %d", i).isEqualTo(!insideCode);
                String expectedReopen = insideCode ? fencesBefore.get(fencesBefore.size() - 1) + "\n" : "";
                assertThat(parts.get(i + 1).reopen()).as("reopen of part %d", i + 1).isEqualTo(expectedReopen);
            }
        }
    }

    @Test
    void parts_end_after_blank_lines_when_paragraphs_allow_it() {
        Random random = new Random(3);
        StringBuilder answer = new StringBuilder();
        while (answer.length() < 10_000) {
            answer.append(words(random, 80 + random.nextInt(40))).append("\n\n");
        }

        List<String> parts = AnswerSplitter.split(answer.toString(), 1000);

        assertThat(String.join("", parts)).isEqualTo(answer.toString());
        for (String part : parts.subList(0, parts.size() - 1)) {
            assertThat(part).endsWith("\n\n").hasSizeBetween(500, 1000);
        }
    }

    @Test
    void parts_end_at_line_ends_when_there_are_no_blank_lines() {
        Random random = new Random(4);
        StringBuilder answer = new StringBuilder("tiny\n\n");
        while (answer.length() < 10_000) {
            answer.append(words(random, 50 + random.nextInt(50))).append('\n');
        }

        List<String> parts = AnswerSplitter.split(answer.toString(), 1000);

        assertThat(String.join("", parts)).isEqualTo(answer.toString());
        for (String part : parts.subList(0, parts.size() - 1)) {
            assertThat(part).endsWith("\n").hasSizeBetween(900, 1000);
        }
    }

    @Test
    void a_line_longer_than_a_part_is_cut_hard_but_never_inside_a_surrogate_pair() {
        Random random = new Random(5);
        StringBuilder answer = new StringBuilder();
        while (answer.length() < 5000) {
            answer.append(random.nextBoolean() ? "😀" : "a");
        }

        List<String> parts = AnswerSplitter.split(answer.toString(), 333);

        assertThat(String.join("", parts)).isEqualTo(answer.toString());
        for (String part : parts) {
            assertThat(part.length()).isLessThanOrEqualTo(333);
            assertThat(Character.isLowSurrogate(part.charAt(0))).isFalse();
            assertThat(Character.isHighSurrogate(part.charAt(part.length() - 1))).isFalse();
        }
        for (String part : parts.subList(0, parts.size() - 1)) {
            assertThat(part.length()).isGreaterThanOrEqualTo(332);
        }
    }

    @Test
    void a_code_block_longer_than_a_part_is_closed_and_reopened_with_its_language() {
        StringBuilder answer = new StringBuilder("Intro\n\n```python\n");
        for (int i = 0; i < 200; i++) {
            answer.append("print(").append(i).append(")  # line ").append(i).append('\n');
        }
        answer.append("```\n\nAfter the code.");

        List<String> parts = AnswerSplitter.split(answer.toString(), 500);

        assertThat(parts.get(0)).startsWith("Intro\n\n```python\n").endsWith("\n```");
        for (String part : parts.subList(1, parts.size() - 1)) {
            assertThat(part).startsWith("```python\nprint(").endsWith("\n```").hasSizeLessThanOrEqualTo(500);
        }
        assertThat(parts.get(parts.size() - 1)).startsWith("```python\n").endsWith("```\n\nAfter the code.");
        assertValidSplit(answer.toString(), 500, AnswerSplitter.parts(answer.toString(), 500));
    }

    @Test
    void a_hard_cut_inside_code_closes_the_fence_on_a_line_of_its_own() {
        String answer = "```go\n" + "x".repeat(2000) + "\n```";

        List<String> parts = AnswerSplitter.split(answer, 500);

        for (String part : parts.subList(0, parts.size() - 1)) {
            assertThat(part).startsWith("```go\nx").endsWith("x\n```").hasSizeLessThanOrEqualTo(500);
        }
        assertValidSplit(answer, 500, AnswerSplitter.parts(answer, 500));
    }

    @Test
    void a_fence_line_too_long_to_repeat_is_reopened_as_a_bare_fence() {
        String answer = "```" + "k".repeat(150) + "\n" + "code line\n".repeat(100) + "```";

        List<String> parts = AnswerSplitter.split(answer, 400);

        assertThat(parts.get(0)).endsWith("\n```");
        assertThat(parts.subList(1, parts.size())).allMatch(part -> part.startsWith("```\ncode line\n"));
        assertValidSplit(answer, 400, AnswerSplitter.parts(answer, 400));
    }

    @Test
    void random_answers_split_validly_even_into_tiny_parts() {
        Random random = new Random(11);
        String[] pieces = {"", "  ", "text", "一段中文", "😀😀", "```", "```go", "  ```sh", "# h", "a".repeat(70)};
        for (int trial = 0; trial < 1_500; trial++) {
            String answer = random.ints(random.nextInt(60), 0, pieces.length)
                    .mapToObj(i -> pieces[i])
                    .collect(Collectors.joining("\n"));
            int maxChars = AnswerSplitter.MIN_MAX_CHARS + random.nextInt(100);

            assertValidSplit(answer, maxChars, AnswerSplitter.parts(answer, maxChars));
        }
    }

    @Test
    void a_limit_too_small_to_hold_fences_is_refused() {
        assertThatThrownBy(() -> AnswerSplitter.split("text", AnswerSplitter.MIN_MAX_CHARS - 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Sizes, order and content, the shape of every added fence, balanced fences in all but the last part. */
    private static void assertValidSplit(String answer, int maxChars, List<Part> parts) {
        assertThat(parts.stream().map(Part::body).collect(Collectors.joining())).isEqualTo(answer);
        for (Part part : parts) {
            assertThat(part.render().length()).as("part %s", part).isLessThanOrEqualTo(maxChars);
            assertThat(part.body().isEmpty()).isEqualTo(answer.isEmpty());
            if (!part.reopen().isEmpty()) {
                assertThat(part.reopen()).endsWith("\n").satisfies(reopen -> assertThat(isFence(reopen)).isTrue());
                assertThat(part.reopen().indexOf('\n')).isEqualTo(part.reopen().length() - 1);
            }
            if (!part.close().isEmpty()) {
                String fence = part.close().startsWith("\n") ? part.close().substring(1) : part.close();
                assertThat(fence.strip()).matches("`{3,}");
                assertThat(part.close().startsWith("\n")).isEqualTo(!part.body().endsWith("\n"));
            }
        }
        assertThat(parts.get(parts.size() - 1).close()).isEmpty();
        for (Part part : parts.subList(0, parts.size() - 1)) {
            assertThat(part.render().lines().filter(AnswerSplitterTest::isFence).count() % 2)
                    .as("fences balanced in %s", part).isZero();
        }
    }

    private static boolean isFence(String line) {
        return line.stripLeading().startsWith("```");
    }

    private static String words(Random random, int length) {
        String[] vocabulary = {"the", "server", "日志", "restart", "配置", "nginx", "🚀", "timeout", "and"};
        StringBuilder text = new StringBuilder();
        while (text.length() < length) {
            text.append(vocabulary[random.nextInt(vocabulary.length)]).append(' ');
        }
        return text.toString().strip();
    }

    /** Markdown prose, lists and code blocks (some longer than any part) of at least {@code size} chars. */
    static String longAnswer(Random random, int size) {
        String[] languages = {"go", "python", "bash", "yaml", ""};
        StringBuilder answer = new StringBuilder("## 排查步骤\n\n");
        while (answer.length() < size) {
            switch (random.nextInt(4)) {
                case 0 -> answer.append(words(random, 100 + random.nextInt(400))).append("\n\n");
                case 1 -> {
                    for (int i = 1 + random.nextInt(6); i > 0; i--) {
                        answer.append("- ").append(words(random, 20 + random.nextInt(60))).append('\n');
                    }
                    answer.append('\n');
                }
                case 2 -> {
                    answer.append("```").append(languages[random.nextInt(languages.length)]).append('\n');
                    for (int i = random.nextInt(random.nextInt(10) == 0 ? 200 : 20); i >= 0; i--) {
                        answer.append(random.nextInt(5) == 0 ? "" : "# step " + i + ": " + words(random, 30))
                                .append('\n');
                    }
                    answer.append("```\n\n");
                }
                default -> answer.append("1. Run:\n   ```bash\n   systemctl restart app\n   ```\n\n");
            }
        }
        return answer.toString();
    }
}
