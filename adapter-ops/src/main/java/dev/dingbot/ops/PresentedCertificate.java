package dev.dingbot.ops;

import dev.dingbot.core.model.CertificateFacts;

import java.util.List;

/** The leaf certificate a host presented: the facts {@code #证书} shows, and the names it is valid for. */
record PresentedCertificate(CertificateFacts facts, List<String> subjectNames) {

    PresentedCertificate {
        subjectNames = List.copyOf(subjectNames);
    }
}
