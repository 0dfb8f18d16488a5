package dev.dingbot.app.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownHtmlTest {

    @Test
    void headings_paragraphs_code_and_bold_are_rendered() {
        String html = MarkdownHtml.render("## 🙋 张三 问\n\n**时间:** 2026\n\n```\nint a = 1;\n```\n---\n> quote");

        assertThat(html).contains("<h2>🙋 张三 问</h2>", "<p><strong>时间:</strong> 2026</p>",
                "<pre><code>int a = 1;\n</code></pre>", "<hr>", "<blockquote>quote</blockquote>");
    }

    @Test
    void model_output_cannot_inject_markup() {
        String html = MarkdownHtml.render("<script>alert(1)</script>\n\n# <img src=x onerror=alert(1)>\n\n"
                + "```\n</code></pre><script>x</script>\n```\n[link](javascript:alert(1)) **<b>**");

        assertThat(html).doesNotContain("<script", "<img", "<b>", "href")
                .contains("&lt;script&gt;", "&lt;img src=x onerror=alert(1)&gt;", "&lt;/code&gt;&lt;/pre&gt;");
    }
}
