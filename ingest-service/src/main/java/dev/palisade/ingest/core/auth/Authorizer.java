package dev.palisade.ingest.core.auth;

/** Decides from an {@code Authorization} header whether a request may read or write. */
public final class Authorizer {

    private static final String BEARER = "Bearer ";

    private final TokenTable tokens;

    public Authorizer(TokenTable tokens) {
        this.tokens = tokens;
    }

    public Principal authorize(String authorizationHeader, Access access) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new AuthException.Unauthenticated("a bearer token is required");
        }
        String token = authorizationHeader.substring(BEARER.length()).strip();
        Principal principal = tokens.lookup(token)
                .orElseThrow(() -> new AuthException.Unauthenticated("the bearer token is not valid"));
        if (!principal.role().allows(access)) {
            throw new AuthException.Forbidden("subject " + principal.subject() + " (role "
                    + principal.role().name().toLowerCase() + ") may not " + access.name().toLowerCase());
        }
        return principal;
    }
}
