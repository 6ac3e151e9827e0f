package dev.palisade.ingest.core;

import dev.palisade.ingest.core.auth.Access;
import dev.palisade.ingest.core.auth.AuthException;
import dev.palisade.ingest.core.auth.Authorizer;
import dev.palisade.ingest.core.auth.Role;
import dev.palisade.ingest.core.auth.TokenTable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuthorizerTest {

    private final Authorizer authorizer = new Authorizer(TokenTable.parse("""
            # comment
            s3cret-e,alice,editor

            s3cret-v,bob,Viewer
            """, "tokens"));

    @Test
    void viewersReadAndEditorsWrite() {
        assertThat(authorizer.authorize("Bearer s3cret-v", Access.READ).subject()).isEqualTo("bob");
        assertThat(authorizer.authorize("bearer s3cret-e", Access.WRITE).role()).isEqualTo(Role.EDITOR);
        assertThatThrownBy(() -> authorizer.authorize("Bearer s3cret-v", Access.WRITE))
                .isInstanceOf(AuthException.Forbidden.class).hasMessageContaining("bob")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void missingOrUnknownTokensAreUnauthenticated() {
        assertThatThrownBy(() -> authorizer.authorize(null, Access.READ)).isInstanceOf(AuthException.Unauthenticated.class);
        assertThatThrownBy(() -> authorizer.authorize("Basic abc", Access.READ)).isInstanceOf(AuthException.Unauthenticated.class);
        assertThatThrownBy(() -> authorizer.authorize("Bearer guess", Access.READ))
                .isInstanceOf(AuthException.Unauthenticated.class).hasMessageNotContaining("guess");
    }

    @Test
    void badLinesNameTheLineButNotTheToken() {
        assertThatThrownBy(() -> TokenTable.parse("ok,a,viewer\nhunter2,b,admin\n", "/etc/palisade/tokens"))
                .hasMessageContaining("/etc/palisade/tokens line 2").hasMessageContaining("admin")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> TokenTable.parse("hunter2,b\n", "f"))
                .hasMessageContaining("f line 1: expected token,subject,role").hasMessageNotContaining("hunter2");
    }
}
