package dev.incidentkit.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.incidentkit.core.notify.DeliverySettings.StartPosition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliverySettingsTest {

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        DeliverySettings d = DeliverySettings.ofDefaults();
        assertThat(d.callTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.maxAttempts()).isEqualTo(8);
        assertThat(d.backoffBase()).isEqualTo(Duration.ofSeconds(1));
        assertThat(d.backoffCap()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.leaseTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.pollInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(d.batchSize()).isEqualTo(100);
        assertThat(d.startPosition()).isEqualTo(StartPosition.FROM_NOW);
        assertThat(d.drainTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(DeliverySettings.custom().build()).isEqualTo(d).hasSameHashCodeAs(d);
    }

    @Test
    void fromCopiesEveryValueAndChangesOnlyWhatIsSet() {
        DeliverySettings base = DeliverySettings.custom().callTimeout(Duration.ofSeconds(3)).maxAttempts(2)
                .backoffBase(Duration.ofMillis(5)).backoffCap(Duration.ofSeconds(9)).leaseTtl(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(50)).batchSize(7).startPosition(StartPosition.FROM_BEGINNING)
                .drainTimeout(Duration.ZERO).build();
        assertThat(DeliverySettings.from(base).build()).isEqualTo(base);
        DeliverySettings changed = DeliverySettings.from(base).maxAttempts(3).build();
        assertThat(changed.maxAttempts()).isEqualTo(3);
        assertThat(changed).isNotEqualTo(base);
        assertThat(changed.toString()).contains("maxAttempts=3", "batchSize=7", "FROM_BEGINNING", "drainTimeout=PT0S");
        assertThat(DeliverySettings.from(base).drainTimeout(Duration.ofSeconds(1)).build()).isNotEqualTo(base);
    }

    @Test
    void eachSetterRejectsABadValueNamingIt() {
        DeliverySettings.Builder b = DeliverySettings.custom();
        assertThatThrownBy(() -> b.callTimeout(Duration.ZERO)).hasMessageContaining("callTimeout");
        assertThatThrownBy(() -> b.maxAttempts(0)).hasMessageContaining("maxAttempts").hasMessageContaining("0");
        assertThatThrownBy(() -> b.backoffBase(Duration.ofMillis(-1))).hasMessageContaining("backoffBase");
        assertThatThrownBy(() -> b.backoffCap(Duration.ZERO)).hasMessageContaining("backoffCap");
        assertThatThrownBy(() -> b.leaseTtl(Duration.ofMillis(999))).hasMessageContaining("leaseTtl");
        assertThatThrownBy(() -> b.pollInterval(Duration.ZERO)).hasMessageContaining("pollInterval");
        assertThatThrownBy(() -> b.batchSize(0)).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> b.batchSize(10_001)).hasMessageContaining("batchSize");
        assertThatThrownBy(() -> b.drainTimeout(Duration.ofMillis(-1))).hasMessageContaining("drainTimeout");
    }

    @Test
    void buildChecksTheWhole() {
        assertThatThrownBy(() -> DeliverySettings.custom().backoffBase(Duration.ofMinutes(6)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backoffBase").hasMessageContaining("backoffCap");
        assertThatThrownBy(() -> DeliverySettings.custom().callTimeout(Duration.ofSeconds(30)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("leaseTtl");
    }
}
