package dev.palisade.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EtcdExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedServerExtensionTest {

    private static final AtomicLong FIRST_PID = new AtomicLong();

    @Test
    @Order(1)
    void injectsARunningServer(Etcd etcd) throws Exception {
        assertThat(etcd.process().isAlive()).isTrue();
        EtcdTest.post(etcd.endpoint() + "/v3/kv/put",
                "{\"key\":\"%s\",\"value\":\"%s\"}".formatted(EtcdTest.b64("/shared"), EtcdTest.b64("1")));
        FIRST_PID.set(etcd.process().pid());
    }

    @Test
    @Order(2)
    void injectsTheSameInstanceIntoLaterTests(Etcd etcd) throws Exception {
        assertThat(etcd.process().pid()).isEqualTo(FIRST_PID.get());
        String range = EtcdTest.post(etcd.endpoint() + "/v3/kv/range",
                "{\"key\":\"%s\"}".formatted(EtcdTest.b64("/shared")));
        assertThat(range).contains(EtcdTest.b64("1"));
    }
}
