package dev.palisade.driver.ipt.kernel;

import dev.palisade.driver.backend.DataplaneException;

/** iptables-restore, iptables-save or ipset refused or failed; the message is the tool's own explanation. */
public class IptablesException extends DataplaneException {
    public IptablesException(String message) {
        super(message);
    }
}
