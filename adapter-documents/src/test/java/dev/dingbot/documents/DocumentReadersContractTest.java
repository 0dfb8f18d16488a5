package dev.dingbot.documents;

import dev.dingbot.core.contract.DocumentReaderContract;
import dev.dingbot.core.port.DocumentReader;

class DocumentReadersContractTest extends DocumentReaderContract {

    @Override
    protected DocumentReader reader() {
        return DocumentReaders.create(DocumentLimits.defaults());
    }

    @Override
    protected DocumentReader readerCappedAt(int maxChars) {
        return DocumentReaders.create(DocumentLimits.builder().maxChars(maxChars).build());
    }
}
