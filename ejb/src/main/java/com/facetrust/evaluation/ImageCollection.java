package com.facetrust.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A folder laid out as {@code <identity>/<image>}: every sub-folder is one identity, every image file in it one
 * photo. Images are recognised by extension (jpg, jpeg, png, bmp, webp — any case); other files are listed as
 * ignored rather than counted as enrolment failures. Order is by name, so runs are reproducible.
 *
 * @param root       the folder
 * @param images     images grouped by identity in name order
 * @param ignored    files that were skipped (not images by extension, or not inside an identity folder)
 */
public record ImageCollection(Path root, List<LabelledImage> images, List<Path> ignored) {

    static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "webp");

    public static ImageCollection read(Path root) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("not a folder: " + root);
        }
        List<LabelledImage> images = new ArrayList<>();
        List<Path> ignored = new ArrayList<>();
        try (Stream<Path> top = Files.list(root)) {
            for (Path entry : top.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList()) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                if (!Files.isDirectory(entry)) {
                    ignored.add(entry);
                    continue;
                }
                try (Stream<Path> files = Files.list(entry)) {
                    for (Path f : files.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList()) {
                        String fn = f.getFileName().toString();
                        if (fn.startsWith(".")) {
                            continue;
                        }
                        if (Files.isRegularFile(f) && isImageName(fn)) {
                            images.add(new LabelledImage(name, f));
                        } else {
                            ignored.add(f);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        return new ImageCollection(root, List.copyOf(images), List.copyOf(ignored));
    }

    static boolean isImageName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    public long identityCount() {
        return images.stream().map(LabelledImage::identity).distinct().count();
    }
}
