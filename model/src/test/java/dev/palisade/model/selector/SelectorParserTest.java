package dev.palisade.model.selector;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SelectorParserTest {

    @Test
    void errorNamesWhatWasExpectedAndWhere() {
        assertThatThrownBy(() -> Selectors.parse("a == "))
                .isInstanceOf(SelectorParseException.class)
                .hasMessage("selector \"a == \" at position 5: expected a quoted string, found the end of the selector")
                .satisfies(e -> {
                    SelectorParseException failure = (SelectorParseException) e;
                    assertThat(failure.position()).isEqualTo(5);
                    assertThat(failure.selector()).isEqualTo("a == ");
                    assertThat(failure.reason()).startsWith("expected a quoted string");
                });
    }

    @ParameterizedTest(name = "[{0}] fails at {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "b == b                         | 5  | expected a quoted string, found 'b'",
            "'b1' == b                      | 0  | expected a label, has(label), all(), global(), '!' or '(', found a quoted string",
            "a b                            | 2  | after label 'a', found 'b'",
            "a == \"b\" & has(foo)          | 9  | expected '&&', '||' or the end of the selector, found '&'",
            "(a == \"foo\"                  | 11 | expected '&&', '||' or ')' to close the '(' at position 0",
            "label == 'value                | 9  | unterminated string: no closing ' for the one at position 9",
            "label = \"value\"              | 6  | found '='",
            "has()                          | 4  | expected a label name inside has(, found ')'",
            "has( foo                       | 8  | expected ')' to close has(, found the end of the selector",
            "label ends withs \"v\"         | 11 | expected 'with' after 'ends', found 'withs'",
            "foo in \"\"                    | 7  | expected '{' to start a set of quoted strings",
            "a in {\"x\" \"y\"}             | 10 | expected ',' or '}', found a quoted string",
            "a in {,}                       | 6  | expected a quoted string or '}', found ','",
            "!= \"x\"                       | 0  | found '!='",
            "a == \"x\" &&                  | 11 | found the end of the selector",
    })
    void reportsPositionAndReason(String selector, int position, String reasonPart) {
        String text = selector.replace("\\\"", "\"");
        assertThatThrownBy(() -> Selectors.parse(text))
                .isInstanceOfSatisfying(SelectorParseException.class, e -> {
                    assertThat(e.position()).isEqualTo(position);
                    assertThat(e.reason()).contains(reasonPart);
                    assertThat(e.getMessage()).contains("at position " + position + ": ");
                });
    }

    @Test
    void newlineIsNotWhitespace() {
        assertThat(Selectors.parse("a == 'x'\t&&  b == 'y'").canonical()).isEqualTo("(a == \"x\" && b == \"y\")");
        assertThatThrownBy(() -> Selectors.parse("a == 'x'\n&& b == 'y'"))
                .isInstanceOfSatisfying(SelectorParseException.class, e -> {
                    assertThat(e.position()).isEqualTo(8);
                    assertThat(e.reason()).contains("a newline");
                    // the message stays on one line
                    assertThat(e.getMessage()).doesNotContain("\n").contains("\\n");
                });
    }

    @Test
    void stringLiteralsMayHoldAnythingButTheirOwnQuote() {
        Selector selector = Selectors.parse("a == 'x\ny && \"z'");
        assertThat(selector).isEqualTo(new Selector.Equals("a", "x\ny && \"z"));
        assertThat(selector.canonical()).isEqualTo("a == 'x\ny && \"z'");
    }

    @Test
    void negationBindsToOnePrimary() {
        Selector negatedEquals = Selectors.parse("!a == \"x\"");
        assertThat(negatedEquals).isEqualTo(new Selector.Not(new Selector.Equals("a", "x")));
        assertThat(negatedEquals.matches(Map.of("a", "x"))).isFalse();
        assertThat(negatedEquals.matches(Map.of("a", "y"))).isTrue();
        assertThat(negatedEquals.matches(Map.of())).isTrue();

        assertThat(Selectors.parse("!a in {\"a\"}")).isEqualTo(new Selector.Not(new Selector.In("a", List.of("a"))));
        assertThat(Selectors.parse("!has(a) && b == 'c'").canonical()).isEqualTo("(!has(a) && b == \"c\")");
        assertThat(Selectors.parse("!!has(a)")).isEqualTo(new Selector.Has("a"));
        assertThat(Selectors.parse("! ! !has(a)")).isEqualTo(new Selector.Not(new Selector.Has("a")));
    }

    @Test
    void functionWordsMustTouchTheirParenthesis() {
        assertThatThrownBy(() -> Selectors.parse("has (a)"))
                .isInstanceOfSatisfying(SelectorParseException.class, e -> {
                    assertThat(e.position()).isEqualTo(4);
                    assertThat(e.reason()).contains("no blank is allowed between has and '('");
                });
        assertThatThrownBy(() -> Selectors.parse("all ()")).isInstanceOf(SelectorParseException.class);
        assertThat(Selectors.parse("has( a )")).isEqualTo(new Selector.Has("a"));
        assertThat(Selectors.parse("all( )")).isEqualTo(Selectors.ALL);
        assertThat(Selectors.parse("global(\t)").canonical()).isEqualTo("global()");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a startswith 'x'", "a starts with 'x'", "a starts \t with 'x'"})
    void multiWordOperatorsAllowAnyBlanksBetweenWords(String text) {
        Selector selector = Selectors.parse(text);
        assertThat(selector).isEqualTo(new Selector.StartsWith("a", "x"));
        assertThat(selector.canonical()).isEqualTo("a starts with \"x\"");
        assertThat(Selectors.parse("a endswith 'x'").canonical()).isEqualTo("a ends with \"x\"");
        assertThat(Selectors.parse("a notin {'x'}").canonical()).isEqualTo("a not in {\"x\"}");
    }

    @Test
    void emptySetAndTrailingCommaAreValid() {
        assertThat(Selectors.parse("a in {}").canonical()).isEqualTo("a in {}");
        assertThat(Selectors.parse("a in { 'x' , }").canonical()).isEqualTo("a in {\"x\"}");
        assertThat(Selectors.parse("a not in {'y','x',}").canonical()).isEqualTo("a not in {\"x\", \"y\"}");
    }

    @Test
    void keywordsAreUsableAsLabelNames() {
        Selector selector = Selectors.parse("contains contains \"contains\" && in in {'in'} && has(has)"
                + " && not not in {'x'} && starts starts with 's' && all == 'x' && global != 'y'");
        assertThat(selector.labelNames()).containsExactlyInAnyOrder("contains", "in", "has", "not", "starts", "all",
                "global");
        assertThat(selector.matches(Map.of("contains", "xcontainsx", "in", "in", "has", "", "not", "y",
                "starts", "sss", "all", "x"))).isTrue();
        assertThat(Selectors.parse(selector.canonical())).isEqualTo(selector);
    }

    @Test
    void labelNamesUpTo512CharactersParse() {
        String longest = "l".repeat(512);
        assertThat(Selectors.parse("has(" + longest + ")").labelNames()).containsExactly(longest);
        assertThatThrownBy(() -> Selectors.parse("x == 'a' || " + longest + "l == 'v'"))
                .isInstanceOfSatisfying(SelectorParseException.class, e -> {
                    assertThat(e.position()).isEqualTo(12);
                    assertThat(e.reason()).isEqualTo("label name is 513 characters long, at most 512 are allowed");
                });
    }

    @Test
    void specEdgeCaseTenSetsAndInequality() {
        Map<String, String> withA = Map.of("a", "x");
        Map<String, String> withoutA = Map.of("b", "x");
        assertThat(Selectors.parse("a not in {}").matches(withA)).isTrue();
        assertThat(Selectors.parse("a not in {}").matches(withoutA)).isTrue();
        assertThat(Selectors.parse("a in {}").matches(withA)).isFalse();
        assertThat(Selectors.parse("a in {}").matches(withoutA)).isFalse();
        assertThat(Selectors.parse("a != \"x\"").matches(withoutA)).isTrue();
        assertThat(Selectors.parse("a != \"x\"").matches(withA)).isFalse();
    }

    @Test
    void emptyAndBlankMeanAll() {
        assertThat(Selectors.parse("")).isSameAs(Selectors.ALL);
        assertThat(Selectors.parse(" \t ")).isSameAs(Selectors.ALL);
        assertThat(Selectors.ALL.matches(Map.of())).isTrue();
        assertThat(Selectors.ALL.canonical()).isEqualTo("all()");
        assertThat(Selectors.ALL.uniqueId()).isEqualTo("s:5y5I3VdRZfDU01O--xXAPx2yxCQQqMf0M6IWug");
    }

    @Test
    void hasCountsAnEmptyValueAsPresent() {
        assertThat(Selectors.parse("has(a)").matches(Map.of("a", ""))).isTrue();
        assertThat(Selectors.parse("has(a)").matches(Map.of("ab", "x"))).isFalse();
    }

    @Test
    void labelNamesListsEveryLabelRead() {
        Selector selector = Selectors.parse("(a == 'x' || !has(b)) && c in {'1'} && all() && !(d not in {} || e"
                + " contains 'q' || f starts with 'p' || g ends with 's' || h != 'z')");
        assertThat(selector.labelNames()).containsExactlyInAnyOrder("a", "b", "c", "d", "e", "f", "g", "h");
        assertThat(Selectors.parse("all() || global()").labelNames()).isEmpty();
        assertThat(Selectors.parse("").labelNames()).isEmpty();
        assertThatThrownBy(() -> selector.labelNames().add("z")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void shortCircuitsAndDoesNotDependOnOtherLabels() {
        Selector selector = Selectors.parse("a == 'x' && b == 'y' || c == 'z'");
        assertThat(selector.canonical()).isEqualTo("((a == \"x\" && b == \"y\") || c == \"z\")");
        assertThat(selector.matches(Map.of("c", "z"))).isTrue();
        assertThat(selector.matches(Map.of("a", "x", "b", "y", "unrelated", "1"))).isTrue();
        assertThat(selector.matches(Map.of("a", "x", "b", "n"))).isFalse();
    }

    @Test
    void canonicalSortsSetMembersByUtf8BytesNotUtf16Units() {
        // U+FF21 sorts before U+1F600 in UTF-8 (and code points) but after it in UTF-16 units.
        Selector selector = Selectors.parse("a in {'\uD83D\uDE00', '\uFF21', 'b', 'b'}");
        assertThat(selector.canonical()).isEqualTo("a in {\"b\", \"\uFF21\", \"\uD83D\uDE00\"}");
    }

    @Test
    void equalSelectorsShareCanonicalFormAndId() {
        Selector spaced = Selectors.parse(" a in {'y', 'x'} &&(b=='c')");
        Selector tight = Selectors.parse("a in {\"x\",\"y\",\"x\"} && b == \"c\"");
        assertThat(spaced).isEqualTo(tight).hasSameHashCodeAs(tight);
        assertThat(spaced.uniqueId()).isEqualTo(tight.uniqueId()).isSameAs(spaced.uniqueId());
        assertThat(Selectors.parse("a == 'x'").uniqueId()).isNotEqualTo(Selectors.parse("a == 'y'").uniqueId());
    }

    @Test
    void constructorsRejectWhatNoSelectorTextCouldSay() {
        assertThatThrownBy(() -> new Selector.Has("a b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 1");
        assertThatThrownBy(() -> new Selector.Equals("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Selector.Equals("a", "'\"")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Selector.And(List.of(Selectors.ALL))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Selector.Not(new Selector.Not(Selectors.ALL)))
                .isInstanceOf(IllegalArgumentException.class);
        Selector built = new Selector.Or(List.of(new Selector.NotIn("a", Set.of("q", "p")), new Selector.Global()));
        assertThat(built.canonical()).isEqualTo("(a not in {\"p\", \"q\"} || global())");
        assertThat(Selectors.parse(built.canonical())).isEqualTo(built);
    }

    @Test
    void matchingAllocatesNothing() {
        Selector selector = Selectors.parse("(a in {'1', '2'} || b not in {'x'}) && !has(c) && d contains 'q'"
                + " && e starts with 'p' && f ends with 's' && g != 'z' && h == 'y' && all()");
        Map<String, String> labels = new java.util.HashMap<>(Map.of("a", "2", "d", "aqa", "e", "pp", "f", "ss",
                "h", "y"));
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        boolean all = true;
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100_000; i++) {
            all &= selector.matches(labels);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(all).isTrue();
        // one iterator or boxed value per call would be megabytes here
        assertThat(allocated).isLessThan(100_000);
    }

    @Test
    void deepNestingIsBoundedWithAClearError() {
        String nested = "(".repeat(600) + "has(a)" + ")".repeat(600);
        assertThatThrownBy(() -> Selectors.parse(nested))
                .isInstanceOfSatisfying(SelectorParseException.class, e -> {
                    assertThat(e.position()).isEqualTo(512);
                    assertThat(e.reason()).contains("nested deeper than 512");
                });
        String allowed = "(".repeat(512) + "has(a)" + ")".repeat(512);
        assertThat(Selectors.parse(allowed)).isEqualTo(new Selector.Has("a"));
    }
}
