package com.facetrust.evaluation.pad;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads a PAD evaluation folder: {@code live/} holds bona-fide presentations and each {@code attack-<type>/} the
 * attacks of one type. Inside, every image file is one presentation and every sub-folder of images is one
 * presentation made of frames (a burst or video). Image files at the top level named {@code live*} or
 * {@code attack-<type>*} are read too (the flat layout of pad/samples). Anything else is ignored. Held-out data in this layout must work
 * unchanged, so nothing beyond the layout is assumed.
 */
public final class PadDatasetReader {

    private static final Pattern SUBJECT = Pattern.compile("^(\\d+)[_-].*");

    private PadDatasetReader() {
    }

    public static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(p) && (n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png")
                || n.endsWith(".bmp") || n.endsWith(".webp"));
    }

    public static List<PadItem> read(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new IOException("not a folder: " + root);
        }
        List<PadItem> items = new ArrayList<>();
        boolean sawLive = false;
        boolean sawAttack = false;
        for (Path dir : sortedChildren(root)) {
            if (isImage(dir)) {
                // Flat layout (e.g. pad/samples): live.jpg, attack-print.jpg, attack-replay_2.png at the top level.
                String file = dir.getFileName().toString();
                String stem = file.substring(0, file.lastIndexOf('.'));
                if (stem.equals("live") || stem.startsWith("live_") || stem.startsWith("live-")) {
                    items.add(new PadItem(file, null, null, List.of(dir)));
                    sawLive = true;
                } else if (stem.startsWith("attack-") && stem.length() > "attack-".length()) {
                    String type = stem.substring("attack-".length()).split("[_.]", 2)[0];
                    items.add(new PadItem(file, type, null, List.of(dir)));
                    sawAttack = true;
                }
                continue;
            }
            if (!Files.isDirectory(dir)) {
                continue;
            }
            String name = dir.getFileName().toString();
            String attackType;
            if (name.equals("live")) {
                attackType = null;
                sawLive = true;
            } else if (name.startsWith("attack-") && name.length() > "attack-".length()) {
                attackType = name.substring("attack-".length());
                sawAttack = true;
            } else {
                continue;
            }
            for (Path entry : sortedChildren(dir)) {
                String id = root.relativize(entry).toString().replace('\\', '/');
                if (isImage(entry)) {
                    items.add(new PadItem(id, attackType, subjectOf(entry), List.of(entry)));
                } else if (Files.isDirectory(entry)) {
                    List<Path> frames = sortedChildren(entry).stream().filter(PadDatasetReader::isImage).toList();
                    if (!frames.isEmpty()) {
                        items.add(new PadItem(id, attackType, subjectOf(entry), frames));
                    }
                }
            }
        }
        if (!sawLive || !sawAttack) {
            throw new IOException(root + " must contain live/ and at least one attack-<type>/ folder");
        }
        return items;
    }

    static String subjectOf(Path p) {
        Matcher m = SUBJECT.matcher(p.getFileName().toString());
        return m.matches() ? m.group(1) : null;
    }

    private static List<Path> sortedChildren(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
