package dev.peerscout.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The design card's dependency rules, checked over the production classes of every module (they
 * are all on this module's test classpath, as directories or as jars under {@code mvn verify}).
 */
class ArchitectureTest {
    private static final String ROOT = "dev.peerscout";
    private static final String DOMAIN = "dev.peerscout.domain..";
    private static final String CLI = "dev.peerscout.cli..";
    private static final String BENCODE = "dev.peerscout.bencode..";
    private static final String[] ADAPTERS = {
        "dev.peerscout.adapters.torrentfile..",
        "dev.peerscout.adapters.udp..",
        "dev.peerscout.adapters.http..",
        "dev.peerscout.adapters.dht..",
        "dev.peerscout.adapters.peerwire.."
    };

    private static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // domain's test fixtures arrive as a test-jar under 'mvn verify'
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages(ROOT);
    }

    /** A rule over a package nothing lives in checks nothing: make sure every module was imported. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "dev.peerscout.domain.model",
                "dev.peerscout.domain.port",
                "dev.peerscout.domain.discovery",
                "dev.peerscout.adapters.torrentfile",
                "dev.peerscout.adapters.udp",
                "dev.peerscout.adapters.http",
                "dev.peerscout.adapters.dht",
                "dev.peerscout.adapters.peerwire",
                "dev.peerscout.bencode",
                "dev.peerscout.cli"
            })
    void everyModuleIsImported(String packageName) {
        assertTrue(
                classes.stream().anyMatch(c -> c.getPackageName().startsWith(packageName)),
                "no production classes imported from " + packageName);
    }

    @Test
    void theDomainUsesOnlyTheJdkAndVavr() {
        classes()
                .that()
                .resideInAPackage(DOMAIN)
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.vavr..", DOMAIN)
                .check(classes);
    }

    @Test
    void theBencodeCodecUsesOnlyTheJdk() {
        classes()
                .that()
                .resideInAPackage(BENCODE)
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", BENCODE)
                .because("the codec is a library below the adapters and knows no torrent, tracker or framework")
                .check(classes);
    }

    @Test
    void theDomainNeverSeesTheBencodeCodec() {
        noClasses()
                .that()
                .resideInAPackage(DOMAIN)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(BENCODE)
                .because("bencode is a wire format, an adapter's concern")
                .check(classes);
    }

    @Test
    void ofOurModulesAdaptersUseOnlyTheDomainAndTheBencodeCodec() {
        for (String adapter : ADAPTERS) {
            noClasses()
                    .that()
                    .resideInAPackage(adapter)
                    .should()
                    .dependOnClassesThat(
                            resideInAPackage(ROOT + "..").and(not(resideInAnyPackage(adapter, DOMAIN, BENCODE))))
                    .check(classes);
        }
    }

    @Test
    void adaptersDependOnTheDomainAndNeverOnEachOther() {
        for (String adapter : ADAPTERS) {
            noClasses()
                    .that()
                    .resideInAPackage(adapter)
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(otherAdaptersAnd(adapter, CLI))
                    .because("adapters meet only through the domain's ports")
                    .check(classes);
        }
    }

    @Test
    void thePeerWireUsesOnlyTheJdkVavrTheDomainAndTheBencodeCodec() {
        classes()
                .that()
                .resideInAPackage("dev.peerscout.adapters.peerwire..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "java..", "io.vavr..", DOMAIN, "dev.peerscout.bencode..", "dev.peerscout.adapters.peerwire..")
                .check(classes);
    }

    @Test
    void adaptersUseNoFrameworks() {
        noClasses()
                .that()
                .resideInAnyPackage(ADAPTERS)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dagger..", "javax.inject..", "jakarta.inject..", "picocli..", "com.fasterxml..")
                .check(classes);
    }

    @Test
    void onlyTheTorrentFileAdapterUsesBencodeJava() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.peerscout.adapters.torrentfile..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.dampcake..")
                .check(classes);
    }

    @Test
    void onlyTheCliSeesDaggerPicocliAndJackson() {
        noClasses()
                .that()
                .resideOutsideOfPackage(CLI)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dagger..", "picocli..", "com.fasterxml..")
                .check(classes);
    }

    @Test
    void noStandardStreamsOutsideTheCli() {
        ArchRule rule =
                noClasses().that().resideOutsideOfPackage(CLI).should(GeneralCodingRules.ACCESS_STANDARD_STREAMS);
        rule.check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.peerscout.(**)").should().beFreeOfCycles().check(classes);
    }

    private static String[] otherAdaptersAnd(String self, String cli) {
        return java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(ADAPTERS).filter(a -> !a.equals(self)),
                        java.util.stream.Stream.of(cli))
                .toArray(String[]::new);
    }
}
