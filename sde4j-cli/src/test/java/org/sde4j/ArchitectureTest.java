package org.sde4j;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package-dependency rule of DESIGN.md: {@code sde ← random ← brownian ← solver ← ensemble, error,
 * problems ← nn ← cli}. A package may use the packages to its left, never those to its right, and no
 * packages form a cycle.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.sde4j");

    @Test
    void dependenciesPointOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("sde").definedBy("org.sde4j.sde..")
                .layer("random").definedBy("org.sde4j.random..")
                .layer("brownian").definedBy("org.sde4j.brownian..")
                .layer("solver").definedBy("org.sde4j.solver..")
                .layer("analysis").definedBy("org.sde4j.ensemble..", "org.sde4j.error..", "org.sde4j.problems..")
                .layer("nn").definedBy("org.sde4j.nn..")
                .layer("cli").definedBy("org.sde4j.cli..")
                .whereLayer("cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("nn").mayOnlyBeAccessedByLayers("cli")
                .whereLayer("analysis").mayOnlyBeAccessedByLayers("nn", "cli")
                .whereLayer("solver").mayOnlyBeAccessedByLayers("analysis", "nn", "cli")
                .whereLayer("brownian").mayOnlyBeAccessedByLayers("solver", "analysis", "nn", "cli")
                .whereLayer("random").mayOnlyBeAccessedByLayers("brownian", "solver", "analysis", "nn", "cli")
                .withOptionalLayers(true)
                .check(MAIN);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.sde4j.(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
