package io.vigil.compiler.sigma;

import static java.util.Objects.requireNonNull;

import io.vigil.compiler.predicate.IpNetwork;

/** An IPv4 or IPv6 network ({@code cidr}), in canonical form. */
public record SigmaCidr(String network) implements SigmaValue {
    public SigmaCidr {
        network = IpNetwork.parse(requireNonNull(network, "network is null")).toString();
    }

    @Override
    public String kind() {
        return "a network";
    }
}
