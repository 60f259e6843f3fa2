package com.facetrust.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A pairs file in the LFW {@code pairs.txt} format.
 *
 * <ul>
 *   <li>Optional header: {@code "folds n"} (e.g. {@code "10 300"}: 10 sets, each n matched then n mismatched
 *   lines) or {@code "n"} (one set, as in {@code pairsDevTrain.txt}); a file without a header is accepted.</li>
 *   <li>Matched pair: {@code name i j}; mismatched pair: {@code name1 i name2 j}; separated by tabs or spaces.</li>
 *   <li>Image i of {@code name} is {@code <name>/<name>_<iiii>.jpg} (four digits, zero-padded).</li>
 * </ul>
 *
 * <p>Folds come from the header when the line count agrees with it; otherwise (a single set, no header or a
 * count that disagrees) matched and mismatched pairs are each split into ten contiguous, equal parts in file order,
 * which keeps every fold balanced. {@link #foldSource()} says which happened.
 *
 * @param pairs      the pairs in file order
 * @param folds      number of folds
 * @param foldSource how folds were assigned (for the report)
 */
public record LfwPairsFile(List<Pair> pairs, int folds, String foldSource) {

    /** Folds formed when the file does not define them itself. */
    public static final int DEFAULT_FOLDS = 10;

    /**
     * @param fold   0-based fold
     * @param line   1-based line number in the file
     */
    public record Pair(int fold, int line, String name1, int index1, String name2, int index2) {
        public boolean genuine() {
            return name1.equals(name2);
        }
    }

    /** A malformed pairs file, with the line at fault. */
    public static final class FormatException extends IllegalArgumentException {
        public FormatException(String message) {
            super(message);
        }
    }

    public static LfwPairsFile read(Path file) throws IOException {
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    public static LfwPairsFile parse(List<String> lines) {
        int[] header = null;
        List<Pair> raw = new ArrayList<>();
        boolean first = true;
        for (int ln = 1; ln <= lines.size(); ln++) {
            String line = lines.get(ln - 1).strip();
            if (ln == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty()) {
                continue;
            }
            String[] t = line.split("\\s+");
            if (first) {
                first = false;
                if (allIntegers(t) && t.length <= 2) {
                    header = new int[t.length];
                    for (int k = 0; k < t.length; k++) {
                        header[k] = Integer.parseInt(t[k]);
                    }
                    continue;
                }
            }
            if (t.length == 3) {
                raw.add(new Pair(-1, ln, t[0], index(t[1], ln), t[0], index(t[2], ln)));
            } else if (t.length == 4) {
                raw.add(new Pair(-1, ln, t[0], index(t[1], ln), t[2], index(t[3], ln)));
            } else {
                throw new FormatException("line " + ln + ": expected 'name i j' or 'name1 i name2 j', got '"
                        + line + "'");
            }
        }
        if (raw.isEmpty()) {
            throw new FormatException("no pairs in the file");
        }
        if (header != null && header.length == 2 && header[0] > 1 && (long) header[0] * 2 * header[1] == raw.size()) {
            int perFold = 2 * header[1];
            List<Pair> out = new ArrayList<>(raw.size());
            for (int k = 0; k < raw.size(); k++) {
                Pair p = raw.get(k);
                out.add(new Pair(k / perFold, p.line(), p.name1(), p.index1(), p.name2(), p.index2()));
            }
            return new LfwPairsFile(List.copyOf(out), header[0],
                    "from the header: " + header[0] + " sets of " + header[1] + " matched + " + header[1]
                            + " mismatched pairs");
        }
        long matched = raw.stream().filter(Pair::genuine).count();
        long mismatched = raw.size() - matched;
        List<Pair> out = new ArrayList<>(raw.size());
        long mi = 0, ui = 0;
        for (Pair p : raw) {
            int fold = p.genuine() ? (int) (mi++ * DEFAULT_FOLDS / matched) : (int) (ui++ * DEFAULT_FOLDS / mismatched);
            out.add(new Pair(fold, p.line(), p.name1(), p.index1(), p.name2(), p.index2()));
        }
        String why = header == null ? "no header" : "header '" + join(header) + "' "
                + (header.length == 1 ? "defines one set" : "disagrees with the " + raw.size() + " pair lines");
        return new LfwPairsFile(List.copyOf(out), DEFAULT_FOLDS,
                why + ": matched and mismatched pairs each split into " + DEFAULT_FOLDS
                        + " contiguous parts in file order");
    }

    private static String join(int[] h) {
        StringBuilder sb = new StringBuilder();
        for (int v : h) {
            sb.append(sb.length() == 0 ? "" : " ").append(v);
        }
        return sb.toString();
    }

    private static boolean allIntegers(String[] t) {
        for (String s : t) {
            if (!s.matches("\\d+")) {
                return false;
            }
        }
        return true;
    }

    private static int index(String s, int ln) {
        if (!s.matches("\\d+")) {
            throw new FormatException("line " + ln + ": image number expected, got '" + s + "'");
        }
        return Integer.parseInt(s);
    }

    /**
     * Where image {@code index} of {@code name} lives under {@code root}: {@code <name>/<name>_<iiii>.jpg}, or the
     * same stem with another image extension when no .jpg exists; empty when neither exists.
     */
    public static Optional<Path> resolve(Path root, String name, int index) {
        String stem = String.format(Locale.ROOT, "%s_%04d", name, index);
        Path dir = root.resolve(name);
        Path jpg = dir.resolve(stem + ".jpg");
        if (Files.isRegularFile(jpg)) {
            return Optional.of(jpg);
        }
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> {
                String fn = f.getFileName().toString();
                return fn.startsWith(stem + ".") && ImageCollection.isImageName(fn) && Files.isRegularFile(f);
            }).sorted().findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
