package dev.dingbot.core.text;
import java.time.Duration;
public final class DurationText { public static String chinese(Duration d) { long s = d.getSeconds(); return s % 60 == 0 ? (s / 60) + "分钟" : (s / 60) + "分" + (s % 60) + "秒"; } }
