package dev.dingbot.app.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;

import java.io.IOException;

/** Describes a YAML syntax error by position only: the parser's own text may quote a line holding a secret. */
final class YamlErrors {

    private YamlErrors() {
    }

    static String describe(IOException e) {
        if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
            JsonLocation at = jpe.getLocation();
            return "syntax error at line " + at.getLineNr() + ", column " + at.getColumnNr()
                    + " (check indentation, quotes and ':' there)";
        }
        return e.getClass().getSimpleName();
    }
}
