package dev.palisade.model.net;

/** ASCII decimal digits only: {@code Character.isDigit} would also take other scripts' digits. */
final class Digits {

    private Digits() {
    }

    static boolean isDecimal(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
