package dev.dingbot.core.text;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SensitiveWordsTest {

    @Test
    void every_configured_word_is_masked_not_only_the_first_that_occurs() {
        SensitiveWords words = SensitiveWords.of(List.of("foo", "bar"));

        assertThat(words.mask("foo and bar, then foo")).isEqualTo("🚫🚫🚫 and 🚫🚫🚫, then 🚫🚫🚫");
    }

    @Test
    void an_empty_or_blank_word_is_ignored_and_matches_nothing() {
        SensitiveWords words = SensitiveWords.of(List.of("", "  ", "bad"));

        assertThat(words.containsAny("a perfectly fine message")).isFalse();
        assertThat(words.mask("a perfectly fine message")).isEqualTo("a perfectly fine message");
        assertThat(words.containsAny("too bad")).isTrue();
        assertThat(SensitiveWords.of(List.of("", " \t")).isEmpty()).isTrue();
    }

    @Test
    void overlapping_matches_mask_the_union_of_their_spans() {
        assertThat(SensitiveWords.of(List.of("ab", "bc")).mask("xabcx")).isEqualTo("x🚫🚫🚫x");
        assertThat(SensitiveWords.of(List.of("ab", "cd")).mask("abcd")).isEqualTo("🚫🚫🚫🚫");
        assertThat(SensitiveWords.of(List.of("she", "he", "hers")).mask("ushers!")).isEqualTo("u🚫🚫🚫🚫🚫!");
    }

    @Test
    void a_long_match_ending_later_covers_shorter_matches_found_before_it() {
        SensitiveWords words = SensitiveWords.of(List.of("b", "d", "abcde"));

        assertThat(words.mask("zabcdez")).isEqualTo("z🚫🚫🚫🚫🚫z");
        assertThat(words.mask("zbzdz")).isEqualTo("z🚫z🚫z");
    }

    @Test
    void chinese_words_are_found_and_masked_one_mark_per_character() {
        SensitiveWords words = SensitiveWords.of(List.of("敏感词", "违禁"));

        assertThat(words.containsAny("这句话没有问题")).isFalse();
        assertThat(words.containsAny("这里有敏感词")).isTrue();
        assertThat(words.mask("这是敏感词和违禁品测试")).isEqualTo("这是🚫🚫🚫和🚫🚫品测试");
    }

    @Test
    void a_character_outside_the_basic_plane_gets_one_mark_not_two() {
        SensitiveWords words = SensitiveWords.of(List.of("炸弹💣", "𠀀"));

        assertThat(words.mask("买炸弹💣吗𠀀?")).isEqualTo("买🚫🚫🚫吗🚫?");
        assertThat(words.mask("炸弹💥")).isEqualTo("炸弹💥");
    }

    @Test
    void a_word_holding_half_of_a_surrogate_pair_masks_the_whole_character() {
        SensitiveWords words = SensitiveWords.of(List.of("a\uD83D"));

        assertThat(words.mask("xa💣y")).isEqualTo("x🚫🚫y");
    }

    @Test
    void matching_is_case_sensitive_like_the_original() {
        SensitiveWords words = SensitiveWords.of(List.of("Secret"));

        assertThat(words.containsAny("a secret")).isFalse();
        assertThat(words.containsAny("a Secret")).isTrue();
    }

    @Test
    void without_words_nothing_is_sensitive_and_text_is_returned_unchanged() {
        String text = "any text at all 敏感 💣";

        assertThat(SensitiveWords.none().isEmpty()).isTrue();
        assertThat(SensitiveWords.of(List.of()).containsAny(text)).isFalse();
        assertThat(SensitiveWords.of(List.of()).mask(text)).isSameAs(text);
    }

    @Test
    void text_without_a_match_comes_back_as_the_same_instance() {
        String text = "nothing to see";

        assertThat(SensitiveWords.of(List.of("xyz")).mask(text)).isSameAs(text);
    }

    @Test
    void duplicate_words_and_words_that_are_prefixes_of_others_all_match() {
        SensitiveWords words = SensitiveWords.of(List.of("abc", "ab", "abc", "a"));

        assertThat(words.mask("a-ab-abc")).isEqualTo("🚫-🚫🚫-🚫🚫🚫");
    }

    @Test
    void masking_agrees_with_a_naive_search_on_random_words_and_texts() {
        Random random = new Random(42);
        String[] alphabet = {"a", "b", "c", "敏", "感", "💣", "😀"};
        List<String> disagreements = new ArrayList<>();
        for (int trial = 0; trial < 2_000; trial++) {
            List<String> words = new ArrayList<>();
            for (int w = random.nextInt(6); w > 0; w--) {
                words.add(randomText(random, alphabet, 1 + random.nextInt(4)));
            }
            String text = randomText(random, alphabet, random.nextInt(40));
            SensitiveWords automaton = SensitiveWords.of(words);

            String expected = naiveMask(words, text);
            if (!automaton.mask(text).equals(expected) || automaton.containsAny(text) == expected.equals(text)) {
                disagreements.add(words + " in " + text);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void a_large_list_over_a_wide_alphabet_masks_like_a_naive_search() {
        Random random = new Random(9);
        String[] alphabet = new String[300];
        for (int i = 0; i < alphabet.length; i++) {
            int cp = switch (i % 3) {
                case 0 -> 'a' + random.nextInt(26);
                case 1 -> 0x4E00 + random.nextInt(0x9FA5 - 0x4E00);
                default -> 0x1F600 + random.nextInt(80);
            };
            alphabet[i] = Character.toString(cp);
        }
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            words.add(randomText(random, alphabet, 2 + random.nextInt(7)));
        }
        SensitiveWords automaton = SensitiveWords.of(words);

        for (int trial = 0; trial < 5; trial++) {
            String text = randomText(random, alphabet, 1500) + words.get(random.nextInt(words.size()));
            assertThat(automaton.mask(text)).isEqualTo(naiveMask(words, text));
        }
    }

    private static String randomText(Random random, String[] alphabet, int codePoints) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            text.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return text.toString();
    }

    /** Marks every char of every occurrence found by indexOf, then masks marked code points. */
    private static String naiveMask(List<String> words, String text) {
        boolean[] marked = new boolean[text.length()];
        for (String word : words) {
            for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
                Arrays.fill(marked, at, at + word.length(), true);
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            out.append(marked[i] ? "🚫" : Character.toString(text.codePointAt(i)));
        }
        return out.toString();
    }
}
