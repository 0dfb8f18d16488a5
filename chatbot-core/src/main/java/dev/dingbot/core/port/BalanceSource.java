package dev.dingbot.core.port;

import dev.dingbot.core.model.Balance;

/** What the provider can tell about money left, where it can. */
public interface BalanceSource {

    Balance balance();

    BalanceSource UNSUPPORTED = () -> new Balance.Unsupported("该模型服务不提供余额查询接口");
}
