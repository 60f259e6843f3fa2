package com.facetrust.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LfwPairsFileTest {

    @Test
    void foldsFromTheTwoNumberHeader() {
        LfwPairsFile f = LfwPairsFile.parse(List.of("2\t2",
                "Abel_Pacheco\t1\t4", "Akhmed_Zakayev\t1\t3",
                "Abdel_Madi_Shabneh\t1\tDean_Barker\t1", "Abdel_Madi_Shabneh\t1\tGiancarlo_Fisichella\t1",
                "Alan_Ball\t1\t2", "Ana_Palacio\t2\t3",
                "Bob_Hope\t2\tCarl_Levin\t1", "Ed_Smart\t1\tHenry_Kissinger\t3"));
        assertEquals(2, f.folds());
        assertEquals(8, f.pairs().size());
        assertTrue(f.foldSource().startsWith("from the header"));
        LfwPairsFile.Pair first = f.pairs().get(0);
        assertTrue(first.genuine());
        assertEquals("Abel_Pacheco", first.name1());
        assertEquals(4, first.index2());
        assertEquals(0, first.fold());
        LfwPairsFile.Pair mismatched = f.pairs().get(6);
        assertFalse(mismatched.genuine());
        assertEquals("Carl_Levin", mismatched.name2());
        assertEquals(1, mismatched.fold());
        assertEquals(8, mismatched.line());
    }

    @Test
    void singleNumberHeaderAndSpacesAreAccepted() {
        StringBuilder lines = new StringBuilder("20\n");
        for (int i = 1; i <= 20; i++) {
            lines.append("Person_A ").append(i).append(' ').append(i + 1).append('\n');
        }
        for (int i = 1; i <= 20; i++) {
            lines.append("Person_A ").append(i).append("  Person_B ").append(i).append("\r\n");
        }
        LfwPairsFile f = LfwPairsFile.parse(lines.toString().lines().toList());
        assertEquals(40, f.pairs().size());
        assertEquals(10, f.folds());
        for (int fold = 0; fold < 10; fold++) {
            final int k = fold;
            assertEquals(2, f.pairs().stream().filter(p -> p.fold() == k && p.genuine()).count());
            assertEquals(2, f.pairs().stream().filter(p -> p.fold() == k && !p.genuine()).count());
        }
    }

    @Test
    void noHeaderIsAccepted() {
        LfwPairsFile f = LfwPairsFile.parse(List.of("", "A 1 2", "A 1 B 2", ""));
        assertEquals(2, f.pairs().size());
        assertTrue(f.foldSource().startsWith("no header"));
    }

    @Test
    void malformedLinesNameTheLine() {
        LfwPairsFile.FormatException e = assertThrows(LfwPairsFile.FormatException.class,
                () -> LfwPairsFile.parse(List.of("10 300", "A 1 2", "A 1 B")));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertThrows(LfwPairsFile.FormatException.class, () -> LfwPairsFile.parse(List.of("A x 2")));
        assertThrows(LfwPairsFile.FormatException.class, () -> LfwPairsFile.parse(List.of("10 300")));
    }

    @Test
    void resolvesLfwFileNames(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("George_W_Bush"));
        Files.writeString(root.resolve("George_W_Bush/George_W_Bush_0007.jpg"), "x");
        Files.createDirectories(root.resolve("Grey_Crop"));
        Files.writeString(root.resolve("Grey_Crop/Grey_Crop_0002.png"), "x");
        assertEquals(root.resolve("George_W_Bush/George_W_Bush_0007.jpg"),
                LfwPairsFile.resolve(root, "George_W_Bush", 7).orElseThrow());
        assertEquals(root.resolve("Grey_Crop/Grey_Crop_0002.png"),
                LfwPairsFile.resolve(root, "Grey_Crop", 2).orElseThrow());
        assertTrue(LfwPairsFile.resolve(root, "George_W_Bush", 8).isEmpty());
        assertTrue(LfwPairsFile.resolve(root, "Nobody", 1).isEmpty());
    }

    @Test
    void collectionReaderGroupsByFolder(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("b"));
        Files.createDirectories(root.resolve("a"));
        Files.writeString(root.resolve("a/2.JPG"), "x");
        Files.writeString(root.resolve("a/1.png"), "x");
        Files.writeString(root.resolve("a/notes.txt"), "x");
        Files.writeString(root.resolve("b/1.webp"), "x");
        Files.writeString(root.resolve("stray.jpg"), "x");
        ImageCollection c = ImageCollection.read(root);
        assertEquals(3, c.images().size());
        assertEquals(2, c.identityCount());
        assertEquals(root.resolve("a/1.png"), c.images().get(0).path());
        assertEquals("b", c.images().get(2).identity());
        assertEquals(2, c.ignored().size());
    }
}
