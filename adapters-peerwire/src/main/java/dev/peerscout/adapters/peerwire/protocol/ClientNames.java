package dev.peerscout.adapters.peerwire.protocol;

import io.vavr.control.Option;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A peer's client read from its peer id by the BEP 20 conventions: Azureus style
 * ({@code -LT2080-...}), Mainline ({@code M4-3-6--...}), Shadow ({@code S58B-----...}), and
 * aria2's own ({@code A2-1-36-0-...}). Unknown ids give nothing rather than a guess.
 */
public final class ClientNames {
    private static final Map<String, String> AZUREUS = Map.ofEntries(
            Map.entry("AG", "Ares"),
            Map.entry("AZ", "Azureus"),
            Map.entry("BC", "BitComet"),
            Map.entry("BI", "BiglyBT"),
            Map.entry("BT", "BitTorrent"),
            Map.entry("DE", "Deluge"),
            Map.entry("FD", "Free Download Manager"),
            Map.entry("KT", "KTorrent"),
            Map.entry("LT", "libtorrent"),
            Map.entry("lt", "libTorrent (rakshasa)"),
            Map.entry("PS", "peerscout"),
            Map.entry("qB", "qBittorrent"),
            Map.entry("TR", "Transmission"),
            Map.entry("TX", "Tixati"),
            Map.entry("UM", "µTorrent for Mac"),
            Map.entry("UT", "µTorrent"),
            Map.entry("UW", "µTorrent Web"),
            Map.entry("VU", "Vuze"),
            Map.entry("WW", "WebTorrent"),
            Map.entry("WD", "WebTorrent Desktop"),
            Map.entry("XL", "Xunlei"),
            Map.entry("SD", "Thunder"),
            Map.entry("FW", "FrostWire"),
            Map.entry("LW", "LimeWire"),
            Map.entry("RT", "Retriever"),
            Map.entry("BF", "BitFlu"),
            Map.entry("PI", "PicoTorrent"),
            Map.entry("TT", "TuoTu"));
    private static final Map<Character, String> SHADOW = Map.of(
            'A',
            "ABC",
            'O',
            "Osprey Permaseed",
            'Q',
            "BTQueue",
            'R',
            "Tribler",
            'S',
            "Shadow",
            'T',
            "BitTornado",
            'U',
            "UPnP NAT Bit Torrent");
    private static final Pattern AZUREUS_STYLE =
            Pattern.compile("-([A-Za-z0-9]{2})([0-9A-Za-z]{4})-.*", Pattern.DOTALL);
    private static final Pattern MAINLINE = Pattern.compile("M(\\d)-(\\d{1,2})-(\\d{1,2})-.*", Pattern.DOTALL);
    private static final Pattern ARIA2 = Pattern.compile("A2-(\\d+)-(\\d+)-(\\d+)-.*", Pattern.DOTALL);
    private static final Pattern SHADOW_STYLE = Pattern.compile("([A-Z])([0-9A-Za-z.]{1,5})-*---.*", Pattern.DOTALL);

    private ClientNames() {}

    public static Option<String> fromPeerId(byte[] peerId) {
        String id = new String(peerId, StandardCharsets.ISO_8859_1);
        Matcher m = AZUREUS_STYLE.matcher(id);
        if (m.matches() && AZUREUS.containsKey(m.group(1))) {
            return Option.of(AZUREUS.get(m.group(1)) + " " + azureusVersion(m.group(1), m.group(2)));
        }
        m = ARIA2.matcher(id);
        if (m.matches()) {
            return Option.of("aria2 " + m.group(1) + "." + m.group(2) + "." + m.group(3));
        }
        m = MAINLINE.matcher(id);
        if (m.matches()) {
            return Option.of("Mainline " + m.group(1) + "." + m.group(2) + "." + m.group(3));
        }
        m = SHADOW_STYLE.matcher(id);
        if (m.matches() && SHADOW.containsKey(m.group(1).charAt(0))) {
            StringBuilder version = new StringBuilder();
            for (char c : m.group(2).replace("-", "").toCharArray()) {
                version.append(version.length() == 0 ? "" : ".").append(shadowDigit(c));
            }
            return Option.of(SHADOW.get(m.group(1).charAt(0)) + " " + version);
        }
        return Option.none();
    }

    /** Each character is one part (0-9, then A=10...), trailing zero parts dropped; Transmission 3 and older wrote x.yz. */
    private static String azureusVersion(String client, String digits) {
        if (client.equals("TR") && digits.charAt(0) <= '3' && Character.isDigit(digits.charAt(1))) {
            return digits.charAt(0) + "." + digits.substring(1, 3)
                    + (digits.charAt(3) == 'Z' || digits.charAt(3) == 'X' ? "+" : "");
        }
        int end = digits.length();
        while (end > 2 && digits.charAt(end - 1) == '0') {
            end--;
        }
        StringBuilder version = new StringBuilder();
        for (int i = 0; i < end; i++) {
            version.append(i == 0 ? "" : ".").append(shadowDigit(digits.charAt(i)));
        }
        return version.toString();
    }

    private static String shadowDigit(char c) {
        if (Character.isDigit(c)) {
            return String.valueOf(c);
        }
        if (c >= 'A' && c <= 'Z') {
            return String.valueOf(10 + c - 'A');
        }
        if (c >= 'a' && c <= 'z') {
            return String.valueOf(36 + c - 'a');
        }
        return String.valueOf(c);
    }
}
