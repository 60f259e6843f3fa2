package com.facetrust.interfaces.cli;

import com.facetrust.evaluation.PairedComparison;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code facetrust compare}: pair-by-pair significance of the difference between two {@code evaluate} runs on the
 * same images (e.g. with and without flip fusion) — the proof a claimed accuracy gain needs.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare two evaluate output folders on their common genuine pairs (McNemar's exact test at "
                + "each run's own threshold for FAR 1e-2, 1e-3, 1e-4).")
public final class CompareCommand implements Callable<Integer> {

    @Option(names = "--a", required = true, paramLabel = "DIR", description = "Baseline evaluate output folder.")
    Path a;

    @Option(names = "--b", required = true, paramLabel = "DIR", description = "Variant evaluate output folder.")
    Path b;

    @Override
    public Integer call() throws Exception {
        System.out.print(PairedComparison.markdown(a.getFileName().toString(), b.getFileName().toString(),
                PairedComparison.compare(a, b, 1e-2, 1e-3, 1e-4)));
        return 0;
    }
}
