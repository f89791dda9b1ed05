package org.ae4j.cli;

import org.ae4j.datasets.NamedDatasets;
import picocli.CommandLine.Command;

/** {@code ae4j datasets}: the named datasets. */
@Command(name = "datasets", mixinStandardHelpOptions = true, versionProvider = Main.Version.class, description = "List the named datasets.")
final class DatasetsCommand implements Runnable {
    @Override
    public void run() {
        for (String name : NamedDatasets.names()) {
            System.out.println(name + (name.equals(NamedDatasets.DEFAULT) ? "  (default)" : ""));
        }
    }
}
