package com.facetrust.interfaces.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the FaceTrust command-line tools; each tool is a sub-command. */
@Command(name = "facetrust", mixinStandardHelpOptions = true, version = "FaceTrust 0.1.0",
        description = "FaceTrust command-line tools.", subcommands = {EvaluateCommand.class, CompareCommand.class, PadEvaluateCommand.class,
                AuditVerifyCommand.class})
public final class FaceTrustCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a sub-command, e.g. 'evaluate'");
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new FaceTrustCommand()).execute(args));
    }
}
