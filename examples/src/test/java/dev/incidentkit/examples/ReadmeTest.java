package dev.incidentkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every code block of README.md is checked: a snippet is, character for character, the tagged
 * regions of files that are compiled and run (the examples here, .ci/run, a consumer project of
 * consumer-tests), and the {@code im} transcript is run by {@code ReadmeTranscriptTest}.
 */
class ReadmeTest {

    @Test
    void everyCodeBlockSaysHowItIsChecked() {
        List<Readme.Block> blocks = Readme.blocks();

        assertThat(blocks).isNotEmpty();
        assertThat(blocks).allSatisfy(block -> assertThat(block.marker())
                .as("README.md line %d: a code block needs <!-- snippet: FILE#TAG -->, <!-- file: FILE --> or <!-- transcript: ... -->"
                        + " on the line before it", block.line())
                .isNotEmpty());
        // Each transcript has its test: ReadmeTranscriptTest (im), ReadmeServeTest (im serve, curl; alerts),
        // ReadmeOnCallTest (oncall).
        assertThat(blocks).filteredOn(block -> block.marker().startsWith("transcript:")).extracting(Readme.Block::marker)
                .containsExactly("transcript: im", "transcript: im serve", "transcript: curl", "transcript: alerts serve",
                        "transcript: alerts", "transcript: oncall");
    }

    @Test
    void everySnippetIsItsTaggedRegions() {
        for (Readme.Block block : Readme.blocks()) {
            if (!block.marker().startsWith("snippet:")) {
                continue;
            }
            StringBuilder expected = new StringBuilder();
            for (String reference : block.marker().substring("snippet:".length()).strip().split("\\s+")) {
                String[] fileAndTag = reference.split("#", 2);
                if (expected.length() > 0) {
                    expected.append('\n');
                }
                expected.append(Readme.region(fileAndTag[0], fileAndTag[1]));
            }
            // consumer-tests' projects name our version as the invoker fills it in.
            String region = expected.toString().replace("@project.version@", System.getProperty("incidentkit.version"));
            assertThat(block.text()).as("README.md line %d, %s", block.line(), block.marker()).isEqualTo(region);
        }
    }

    @Test
    void everyFileBlockIsThatFile() throws Exception {
        int files = 0;
        for (Readme.Block block : Readme.blocks()) {
            if (block.marker().startsWith("file:")) {
                String file = block.marker().substring("file:".length()).strip();
                assertThat(block.text()).as("README.md line %d, %s", block.line(), block.marker())
                        .isEqualTo(java.nio.file.Files.readString(Readme.root().resolve(file)));
                files++;
            }
        }
        assertThat(files).isPositive();
    }
}
