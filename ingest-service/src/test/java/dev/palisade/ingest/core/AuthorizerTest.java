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
    void prefixesAndExtensionsOfATokenAreNotTheToken() {
        for (String near : new String[] {"s3cret-", "s3cret-ee", "S3cret-e", "s3cret-e\0", ""}) {
            assertThatThrownBy(() -> authorizer.authorize("Bearer " + near, Access.READ))
                    .as(near).isInstanceOf(AuthException.Unauthenticated.class);
        }
    }

    /** A table that kept the token bytes (and compared them) would show them here, as a heap dump would. */
    @Test
    void theTableKeepsDigestsNotTokens() throws Exception {
        TokenTable table = TokenTable.parse("hunter2-token,a,viewer\n", "t");
        java.lang.reflect.Field entries = TokenTable.class.getDeclaredField("entries");
        entries.setAccessible(true);
        Object entry = ((java.util.List<?>) entries.get(table)).getFirst();
        byte[] plain = "hunter2-token".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (java.lang.reflect.RecordComponent component : entry.getClass().getRecordComponents()) {
            java.lang.reflect.Method accessor = component.getAccessor();
            accessor.setAccessible(true);
            Object value = accessor.invoke(entry);
            if (value instanceof byte[] bytes) {
                assertThat(bytes).hasSize(32).isNotEqualTo(plain);
            }
            assertThat(String.valueOf(value)).doesNotContain("hunter2");
        }
    }

    /** Early-exit comparisons leak how many leading bytes of a guess were right; only isEqual may compare. */
    @Test
    void tokensAreComparedOnlyInConstantTime() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that().resideInAPackage("dev.palisade.ingest.core.auth..")
                .should().callMethod(String.class, "equals", Object.class)
                .orShould().callMethod(String.class, "contentEquals", CharSequence.class)
                .orShould().callMethod(String.class, "compareTo", String.class)
                .orShould().callMethod(java.util.Arrays.class, "equals", byte[].class, byte[].class)
                .orShould().callMethod(java.util.Objects.class, "equals", Object.class, Object.class)
                .because("tokens are compared with MessageDigest.isEqual only")
                .check(dev.palisade.archrules.CoreRules.mainClasses("dev.palisade.ingest.core.auth"));
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
