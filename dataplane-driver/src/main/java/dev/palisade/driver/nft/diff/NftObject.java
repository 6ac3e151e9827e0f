package dev.palisade.driver.nft.diff;

import java.util.List;
import java.util.Objects;

/**
 * The objects of the driver's one table, as plain data. Every object lives in {@link #TABLE}; the
 * renderer produces them, {@link NftTransaction} queues verbs on them and prints them as nft syntax.
 */
public sealed interface NftObject {

    String FAMILY = "inet";
    String TABLE = "palisade";
    String TABLE_REF = FAMILY + " " + TABLE;

    /** The part after the verb in an nft command, e.g. {@code chain inet palisade filter-input}. */
    String spec(NftTransaction.Verb verb);

    record Table() implements NftObject {
        @Override
        public String spec(NftTransaction.Verb verb) {
            return "table " + TABLE_REF;
        }
    }

    /** A hook a base chain attaches to, with nft's named priority ({@code raw}, {@code mangle}, {@code filter}). */
    record BaseHook(String type, String hook, String priority) {
        public String declaration() {
            return "{ type " + type + " hook " + hook + " priority " + priority + "; policy accept; }";
        }
    }

    /** A chain; {@code hook} is null for a regular chain. */
    record Chain(String name, BaseHook hook) implements NftObject {
        public Chain {
            Objects.requireNonNull(name, "name");
        }

        public static Chain regular(String name) {
            return new Chain(name, null);
        }

        @Override
        public String spec(NftTransaction.Verb verb) {
            String s = "chain " + TABLE_REF + " " + name;
            return verb == NftTransaction.Verb.ADD && hook != null ? s + " " + hook.declaration() : s;
        }
    }

    /** A rule appended to {@code chain}: a body in nft syntax and the hash comment that identifies it. */
    record Rule(String chain, String body, String comment) implements NftObject {
        @Override
        public String spec(NftTransaction.Verb verb) {
            return "rule " + TABLE_REF + " " + chain + " " + body + " comment \"" + comment + "\"";
        }
    }

    /** A named set; {@code type} is an nft type expression such as {@code ipv4_addr . inet_proto . inet_service}. */
    record NftSet(String name, String type, boolean interval) implements NftObject {
        @Override
        public String spec(NftTransaction.Verb verb) {
            String s = "set " + TABLE_REF + " " + name;
            return verb == NftTransaction.Verb.ADD
                    ? s + " { type " + type + ";" + (interval ? " flags interval;" : "") + " }"
                    : s;
        }
    }

    /** Elements of one set, each in nft syntax ({@code 198.18.0.0/24}, {@code tcp . 22}). */
    record Elements(String set, List<String> keys) implements NftObject {
        public Elements {
            keys = List.copyOf(keys);
        }

        @Override
        public String spec(NftTransaction.Verb verb) {
            return "element " + TABLE_REF + " " + set + " { " + String.join(", ", keys) + " }";
        }
    }
}
