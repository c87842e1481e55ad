package com.saascrm.security.throttle;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param trustedProxies addresses or CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}) of the reverse proxies in
 *                       front of the application. Only for a request from one of them is {@code X-Forwarded-For}
 *                       believed, and only as far as the right-most address that is not itself a trusted proxy:
 *                       everything to its left was written by the client and may be made up
 */
@ConfigurationProperties("cancellation.security")
public record TrustedProxySettings(@DefaultValue List<String> trustedProxies) {}
