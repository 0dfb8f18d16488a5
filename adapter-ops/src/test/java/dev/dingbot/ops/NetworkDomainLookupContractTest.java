package dev.dingbot.ops;

import dev.dingbot.core.contract.DomainLookupContract;
import dev.dingbot.core.port.DomainLookup;

import java.time.Clock;

class NetworkDomainLookupContractTest extends DomainLookupContract {

    @Override
    protected DomainLookup lookup() {
        return DomainOps.create(LookupSettings.defaults(), Clock.systemUTC()).lookup();
    }
}
