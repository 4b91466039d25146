package org.sde4j;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/design.md. Packages come in tiers ({@link #TIERS}: {@code sde ← random ← brownian ←
 * solver ← montecarlo ← ensemble, error, problems, qmc ← multilevel, models, gradient ← fit, sensitivity ← nn, spark ← cli}); a
 * package may use the packages of its own and lower tiers, never those of a higher one, and no packages form a
 * cycle. The notebook tooling ({@code org.sde4j.notebook}) stands alone: only {@code cli} uses it, and
 * it uses no other sde4j package. Modules: each jar holds its own packages only; {@code sde4j-core} uses nothing but the JDK,
 * Commons RNG and EJML; {@code sde4j-nn} uses the core and Commons RNG, never the command line.
 */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.sde4j");

    /**
     * The packages under {@code org.sde4j} in tiers, lowest first. A package may use the packages of its own tier and
     * of lower tiers, never those of a higher tier (and {@link #packagesAreFreeOfCycles} keeps a tier free of
     * cycles). A new package is one entry here; {@link #everyPackageIsInATier} fails until it has one.
     */
    private static final String[][] TIERS = {
        {"sde"},
        {"random"},
        {"brownian"},
        {"solver"},
        {"montecarlo"},
        {"ensemble", "error", "problems", "qmc"},
        {"multilevel", "models", "gradient"},
        {"fit", "sensitivity"},
        {"nn", "spark"},
        {"cli"},
    };

    @Test
    void dependenciesPointOneWay() {
        Architectures.LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("notebook").definedBy("org.sde4j.notebook..");
        for (int i = 0; i < TIERS.length; i++) {
            layers = layers.layer(tier(i)).definedBy(java.util.Arrays.stream(TIERS[i]).map(p -> "org.sde4j." + p + "..")
                    .toArray(String[]::new));
        }
        for (int i = 0; i < TIERS.length - 1; i++) {
            layers = layers.whereLayer(tier(i)).mayOnlyBeAccessedByLayers(java.util.stream.IntStream
                    .range(i + 1, TIERS.length).mapToObj(ArchitectureTest::tier).toArray(String[]::new));
        }
        layers.whereLayer(tier(TIERS.length - 1)).mayNotBeAccessedByAnyLayer()
                .whereLayer("notebook").mayOnlyBeAccessedByLayers(tier(TIERS.length - 1))
                .withOptionalLayers(true)
                .check(MAIN);
    }

    private static String tier(int i) {
        return String.join("+", TIERS[i]);
    }

    @Test
    void everyPackageIsInATier() {
        java.util.Set<String> known = new java.util.HashSet<>(java.util.List.of("notebook"));
        for (String[] tier : TIERS) {
            known.addAll(java.util.List.of(tier));
        }
        java.util.Set<String> missing = new java.util.TreeSet<>();
        for (com.tngtech.archunit.core.domain.JavaClass c : MAIN) {
            String name = c.getPackageName();
            if (name.startsWith("org.sde4j.")) {
                String top = name.substring("org.sde4j.".length()).split("\\.")[0];
                if (!known.contains(top)) {
                    missing.add(top);
                }
            }
        }
        assertTrue(missing.isEmpty(), "packages in no tier of ArchitectureTest.TIERS: " + missing
                + " — add each to the tier after the highest package it uses");
    }

    /**
     * Inside the command line: {@code cli.output} (what is printed and written), {@code cli.experiment} (the
     * studies) and {@code cli.spark} (the Spark glue) know nothing of the commands; the studies may format through
     * {@code cli.output}, the Spark recipes may build the studies.
     */
    @Test
    void commandLinePackagesPointOneWay() {
        noClasses().that().resideInAPackage("org.sde4j.cli.output..").should().dependOnClassesThat()
                .resideInAnyPackage("org.sde4j.cli.command..", "org.sde4j.cli.experiment..", "org.sde4j.cli.bench..")
                .check(MAIN);
        noClasses().that().resideInAPackage("org.sde4j.cli.experiment..").should().dependOnClassesThat()
                .resideInAnyPackage("org.sde4j.cli.command..", "org.sde4j.cli.bench..", "org.sde4j.cli.spark..")
                .check(MAIN);
        noClasses().that().resideInAPackage("org.sde4j.cli.spark..").should().dependOnClassesThat()
                .resideInAnyPackage("org.sde4j.cli.command..", "org.sde4j.cli.bench..")
                .check(MAIN);
    }

    /** No command calls another command: what two commands share is an output helper, a study or a mixin. */
    @Test
    void noCommandCallsAnotherCommand() {
        noClasses().that().resideInAPackage("org.sde4j.cli..").should().accessTargetWhere(
                new com.tngtech.archunit.base.DescribedPredicate<com.tngtech.archunit.core.domain.JavaAccess<?>>(
                        "a member of another command") {
                    @Override
                    public boolean test(com.tngtech.archunit.core.domain.JavaAccess<?> access) {
                        String owner = topLevel(access.getTargetOwner().getName());
                        String origin = topLevel(access.getOriginOwner().getName());
                        return !owner.equals(origin) && owner.endsWith("Command") && origin.endsWith("Command")
                                && !owner.startsWith("picocli.");
                    }
                }).check(MAIN);
    }

    private static String topLevel(String name) {
        int dollar = name.indexOf('$');
        return dollar < 0 ? name : name.substring(0, dollar);
    }

    /**
     * Commands print numbers through {@code cli.output.Format} only, the one path that never prints NaN or
     * Infinity: no {@code String.format} and no {@code printf} in them.
     */
    @Test
    void commandsFormatNumbersThroughOnePath() {
        noClasses().that().resideInAPackage("org.sde4j.cli.command..").should()
                .callMethod(String.class, "format", String.class, Object[].class)
                .orShould().callMethod(String.class, "format", java.util.Locale.class, String.class, Object[].class)
                .orShould().callMethod(java.io.PrintWriter.class, "printf", String.class, Object[].class)
                .orShould().callMethod(java.io.PrintWriter.class, "printf", java.util.Locale.class, String.class,
                        Object[].class)
                .orShould().callMethod(java.io.PrintWriter.class, "format", String.class, Object[].class)
                .check(MAIN);
    }

    @Test
    void notebookToolingUsesNoOtherSde4jPackage() {
        classes().that().resideInAPackage("org.sde4j.notebook..").should().onlyDependOnClassesThat()
                .resideOutsideOfPackages("org.sde4j.sde..", "org.sde4j.random..", "org.sde4j.brownian..",
                        "org.sde4j.solver..", "org.sde4j.montecarlo..", "org.sde4j.ensemble..", "org.sde4j.error..",
                        "org.sde4j.problems..",
                        "org.sde4j.nn..", "org.sde4j.cli..", "org.sde4j.gradient..", "org.sde4j.fit..", "org.sde4j.models..",
                        "org.sde4j.spark..")
                .check(MAIN);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.sde4j.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    /** Inside {@code solver}: tableau ← scheme ← engine and tableau ← step, all on the contract (the root). */
    @Test
    void solverSubPackagesPointOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("contract").definedBy("org.sde4j.solver")
                .layer("tableau").definedBy("org.sde4j.solver.tableau..")
                .layer("scheme").definedBy("org.sde4j.solver.scheme..")
                .layer("step").definedBy("org.sde4j.solver.step..")
                .layer("engine").definedBy("org.sde4j.solver.engine..")
                .whereLayer("engine").mayNotBeAccessedByAnyLayer()
                .whereLayer("step").mayNotBeAccessedByAnyLayer()
                .whereLayer("scheme").mayOnlyBeAccessedByLayers("engine")
                .whereLayer("tableau").mayOnlyBeAccessedByLayers("scheme", "step", "engine")
                .withOptionalLayers(true)
                .check(MAIN);
    }

    /**
     * No two packages form a cycle, sub-packages included (the slices of {@link #packagesAreFreeOfCycles} are the
     * top-level packages). The command line is left out until its split: {@code cli} and {@code cli.bench} still use
     * each other.
     */
    @Test
    void subPackagesAreFreeOfCycles() {
        slices().matching("org.sde4j.(**)").should().beFreeOfCycles().check(MAIN.that(
                com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage("org.sde4j.cli..")));
    }

    private static final String[] CORE_PACKAGES = {"org.sde4j.sde..", "org.sde4j.random..", "org.sde4j.brownian..",
        "org.sde4j.solver..", "org.sde4j.montecarlo..", "org.sde4j.ensemble..", "org.sde4j.error..", "org.sde4j.problems..",
        "org.sde4j.gradient..", "org.sde4j.fit..", "org.sde4j.models..", "org.sde4j.qmc..", "org.sde4j.multilevel..",
        "org.sde4j.sensitivity.."};

    /** The core's packages, the JDK's, Commons RNG's and {@code more}. */
    private static String[] corePlus(String... more) {
        return java.util.stream.Stream.of(CORE_PACKAGES, new String[] {"java..", "jdk.incubator.vector..",
            "org.apache.commons.rng.."}, more).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }

    /** The classes of the jar (or classes directory) that holds {@code type}. */
    private static JavaClasses moduleOf(Class<?> type) {
        try {
            Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (java.nio.file.Files.isDirectory(location)) {
                return new ClassFileImporter().importPath(location);
            }
            try (java.util.jar.JarFile jar = new java.util.jar.JarFile(location.toFile())) {
                return new ClassFileImporter().importJar(jar);
            }
        } catch (URISyntaxException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void coreModuleHoldsTheCorePackagesAndUsesOnlyCommonsRngAndEjml() {
        JavaClasses core = moduleOf(org.sde4j.sde.Sde.class);
        classes().should().resideInAnyPackage(CORE_PACKAGES).check(core);
        classes().should().onlyDependOnClassesThat().resideInAnyPackage(corePlus("org.ejml..")).check(core);
    }

    @Test
    void nnModuleHoldsTheNetworksAndNeverTheCommandLine() {
        JavaClasses nn = moduleOf(org.sde4j.nn.Tensor.class);
        classes().should().resideInAPackage("org.sde4j.nn..").check(nn);
        classes().should().onlyDependOnClassesThat().resideInAnyPackage(corePlus("org.sde4j.nn..")).check(nn);
    }

    @Test
    void sparkModuleHoldsTheSparkRunnerAndUsesOnlyTheCoreAndSpark() {
        JavaClasses spark = moduleOf(org.sde4j.spark.SparkJob.class);
        classes().should().resideInAPackage("org.sde4j.spark..").check(spark);
        classes().should().onlyDependOnClassesThat().resideInAnyPackage(corePlus("org.sde4j.spark..",
                "org.apache.spark..", "scala..")).check(spark);
    }

    /**
     * Bits do not depend on the JDK: the vector API leaves the order in which {@code reduceLanes} adds lanes to the
     * implementation, and JDK 25 adds float lanes in another order than JDK 17 once the code is compiled (which
     * changed every training fingerprint). Sums spell their order out instead ({@code VectorOps.sumLanes}).
     */
    @Test
    void noLaneReductionLeavesItsOrderToTheJdk() {
        noClasses().should().callMethodWhere(target(name("reduceLanes")))
                .because("the order of reduceLanes is left to the JDK; use an explicit order (VectorOps.sumLanes)")
                .check(MAIN);
    }
}
