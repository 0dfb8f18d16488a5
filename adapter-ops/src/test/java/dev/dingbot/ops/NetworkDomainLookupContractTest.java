package dev.dingbot.ops;

import dev.dingbot.core.contract.DomainLookupContract;
import dev.dingbot.core.port.DomainLookup;

class NetworkDomainLookupContractTest extends DomainLookupContract {

    @Override
    protected DomainLookup lookup() {
        return NetworkDomainLookup.create(false);
    }
}
