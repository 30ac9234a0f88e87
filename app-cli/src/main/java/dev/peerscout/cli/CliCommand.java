package dev.peerscout.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;

/** A peerscout command: its spec, written in code with {@link Specs}, and what it does when picocli calls it. */
interface CliCommand extends Callable<Integer> {
    CommandSpec spec();
}
