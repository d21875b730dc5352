package org.perceptrix.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The package rules of docs/architecture.md, enforced on every build. */
@AnalyzeClasses(packages = "org.perceptrix", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] UI_LIBRARIES = {"javafx..", "org.controlsfx..", "atlantafx..", "org.kordamp.ikonli.."};

    @ArchTest
    static final ArchRule onlyTheUiUsesJavaFx = noClasses().that().resideOutsideOfPackage("org.perceptrix.ui..")
            .should().dependOnClassesThat().resideInAnyPackage(UI_LIBRARIES)
            .as("only org.perceptrix.ui may use JavaFX, ControlsFX, AtlantaFX or Ikonli");

    @ArchTest
    static final ArchRule corePackagesNeverImportTheUi = noClasses()
            .that().resideInAnyPackage("org.perceptrix.graph..", "org.perceptrix.compile..", "org.perceptrix.data..",
                    "org.perceptrix.train..", "org.perceptrix.evaluate..", "org.perceptrix.export..",
                    "org.perceptrix.project..", "org.perceptrix.cli..", "org.perceptrix.i18n..", "org.perceptrix.io..")
            .should().dependOnClassesThat().resideInAPackage("org.perceptrix.ui..");

    @ArchTest
    static final ArchRule graphIsPureJava = noClasses().that().resideInAPackage("org.perceptrix.graph..")
            .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..", "javafx..",
                    "com.fasterxml..", "org.perceptrix.compile..", "org.perceptrix.data..", "org.perceptrix.train..",
                    "org.perceptrix.evaluate..", "org.perceptrix.export..", "org.perceptrix.project..",
                    "org.perceptrix.cli..")
            .as("the graph package is pure Java: no DL4J, no JavaFX, no other Perceptrix package but i18n");

    @ArchTest
    static final ArchRule dataKnowsNothingOfNetworksOrTraining = noClasses().that().resideInAPackage("org.perceptrix.data..")
            .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.perceptrix.compile..",
                    "org.perceptrix.train..", "org.perceptrix.evaluate..", "org.perceptrix.export..",
                    "org.perceptrix.project..", "org.perceptrix.cli..");

    @ArchTest
    static final ArchRule compileDoesNotTrain = noClasses().that().resideInAPackage("org.perceptrix.compile..")
            .should().dependOnClassesThat().resideInAnyPackage("org.perceptrix.evaluate..", "org.perceptrix.export..",
                    "org.perceptrix.project..", "org.perceptrix.cli..");

    @ArchTest
    static final ArchRule onlyTheLauncherAndCliKnowTheCommandLine = noClasses()
            .that().resideOutsideOfPackages("org.perceptrix.cli..")
            .and().doNotHaveFullyQualifiedName("org.perceptrix.Launcher")
            .should().dependOnClassesThat().resideInAnyPackage("picocli..", "org.perceptrix.cli..");

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("org.perceptrix.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noPrintingExceptInTheCommandLine = noClasses()
            .that().resideOutsideOfPackages("org.perceptrix.cli..")
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .as("only the command line prints; everything else logs through slf4j");

    @ArchTest
    static final ArchRule nothingOpensJavaSerializedObjects = noClasses()
            .should().dependOnClassesThat().haveFullyQualifiedName("java.io.ObjectInputStream")
            .as("files a user opens are parsed, never deserialized as Java objects");
}
