package dev.palisade.model.selector;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Calico's content-derived identifiers: {@code prefix + ":" + base64url_nopad(SHA-224(prefix + ":" + content))}.
 * They name IP sets in the dataplane, so they must be byte-for-byte those Calico computes.
 */
public final class UniqueIds {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private UniqueIds() {
    }

    public static String make(String prefix, String content) {
        String prefixed = prefix + ":";
        byte[] digest = sha224().digest((prefixed + content).getBytes(StandardCharsets.UTF_8));
        return prefixed + BASE64URL.encodeToString(digest);
    }

    private static MessageDigest sha224() {
        try {
            return MessageDigest.getInstance("SHA-224");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform is required to provide SHA-224 since Java 9.
            throw new IllegalStateException("SHA-224 is not available", e);
        }
    }
}
