package dev.dingbot.core.model;

import java.time.Instant;

/** The leaf certificate a host presents on port 443. */
public record CertificateFacts(Instant notBefore, Instant notAfter, String issuerOrganization) { }
