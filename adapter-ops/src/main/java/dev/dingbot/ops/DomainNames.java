package dev.dingbot.ops;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/** Turns what a user typed into a plain ASCII domain name, or refuses it. IP literals are not domain names. */
final class DomainNames {

    private static final Pattern ASCII_DOMAIN = Pattern.compile(
            "(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})");
    private static final Pattern FORBIDDEN = Pattern.compile("[\\s\\p{Cntrl}:/\\\\@?#%*=,;\"'<>\\[\\]]");

    private DomainNames() {
    }

    static String normalize(String input) throws FailedLookup {
        String s = input == null ? "" : input.strip();
        if (s.endsWith(".")) s = s.substring(0, s.length() - 1);
        if (s.isEmpty() || s.length() > 253 || FORBIDDEN.matcher(s).find()) throw invalid();
        String ascii;
        try {
            ascii = IDN.toASCII(s, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        if (!ASCII_DOMAIN.matcher(ascii).matches()) throw invalid();
        return ascii;
    }

    static String tld(String asciiDomain) {
        return asciiDomain.substring(asciiDomain.lastIndexOf('.') + 1);
    }

    private static FailedLookup invalid() {
        return new FailedLookup(FailedLookup.Kind.NOT_A_DOMAIN, "这不是一个有效的域名：请只发送域名本身，例如 example.com（不带 http://、端口或路径）");
    }
}
