package org.ae4j.datasets;

import java.util.Locale;
import java.util.Set;

/** What counts as a number in a CSV cell: plain decimal notation, as {@code -1.5e-3}; no hex, no suffixes. */
final class CsvNumbers {
    private static final Set<String> NON_FINITE = Set.of("nan", "inf", "infinity");

    private CsvNumbers() {}

    /** True for {@code [+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?}. */
    static boolean isDecimal(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exp = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exp++;
            }
            if (exp == 0) {
                return false;
            }
        }
        return i == n;
    }

    /** True for NaN and infinities, as NumPy, pandas and Java write them ({@code nan}, {@code -inf}, {@code Infinity}). */
    static boolean isNonFinite(String s) {
        String t = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        return NON_FINITE.contains(t.toLowerCase(Locale.ROOT));
    }

    /** A number or a NaN/infinity: what a data cell may hold (used to tell a header row from data). */
    static boolean isNumberLike(String s) {
        return isDecimal(s) || isNonFinite(s);
    }

    /** True for an optional sign and 1 to 9 digits (an int, whatever the digits). */
    static boolean isInteger(String s) {
        int start = s.startsWith("+") || s.startsWith("-") ? 1 : 0;
        int digits = s.length() - start;
        if (digits < 1 || digits > 9) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
