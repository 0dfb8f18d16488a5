package dev.dingbot.core.model;

/** What WHOIS says of a domain; a field the registry did not give is empty. */
public record WhoisFacts(String created, String expires, String registrar) { }
