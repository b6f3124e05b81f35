package io.timevault.sample;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Iterator;
import com.alipay.sofa.jraft.Status;
import java.nio.ByteBuffer;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test configuration: the sample's state machine, slowed down by 2 ms per entry, so that replaying a log of
 * thousands of entries after a restart takes seconds, as a large log does, and the window before the node serves
 * reads can be observed. Added with {@code --spring.main.sources} (bean overriding on) as a lite configuration source.
 */
// No @Configuration: component scanning would then add it to every test context of this package.
class SlowReplay {

    static final String[] ARGS = {"--spring.main.sources=" + SlowReplay.class.getName(),
            "--spring.main.allow-bean-definition-overriding=true"};

    @Bean
    KvStateMachine kvStateMachine() {
        return new KvStateMachine(JsonMapper.builder().build()) {
            @Override
            public void onApply(Iterator iterator) {
                super.onApply(new Slow(iterator));
            }
        };
    }

    /** Passes everything through; sleeps before each entry. */
    private record Slow(Iterator delegate) implements Iterator {

        @Override
        public boolean hasNext() {
            boolean more = delegate.hasNext();
            if (more) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return more;
        }

        @Override
        public ByteBuffer next() {
            return delegate.next();
        }

        @Override
        public void setAutoCommitPerLog(boolean status) {
            delegate.setAutoCommitPerLog(status);
        }

        @Override
        public ByteBuffer getData() {
            return delegate.getData();
        }

        @Override
        public long getIndex() {
            return delegate.getIndex();
        }

        @Override
        public long getTerm() {
            return delegate.getTerm();
        }

        @Override
        public Closure done() {
            return delegate.done();
        }

        @Override
        public boolean commit() {
            return delegate.commit();
        }

        @Override
        public void commitAndSnapshotSync(Closure done) {
            delegate.commitAndSnapshotSync(done);
        }

        @Override
        public void setErrorAndRollback(long ntail, Status st) {
            delegate.setErrorAndRollback(ntail, st);
        }
    }
}
