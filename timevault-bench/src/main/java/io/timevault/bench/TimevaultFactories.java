package io.timevault.bench;

import com.alipay.sofa.jraft.JRaftServiceFactory;
import io.timevault.raft.jraft.TimevaultJRaftServiceFactory;
import io.timevault.store.StoreOptions;
import io.timevault.store.TimevaultStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The timevault side of the cluster figure: one store per node (in the node's directory) with the bridge's
 * {@link TimevaultJRaftServiceFactory} on its defaults, as the bridge's Javadoc tells a user to do. The stores are
 * closed by {@link #close()}, after every node was shut down.
 */
final class TimevaultFactories implements ClusterRun.NodeStorage {

    private final List<TimevaultStore> stores = new ArrayList<>();

    @Override
    public JRaftServiceFactory factory(Path nodeDir) {
        TimevaultStore store = TimevaultStore.open(nodeDir.resolve("timevault"), StoreOptions.DEFAULTS);
        stores.add(store);
        return new TimevaultJRaftServiceFactory(store);
    }

    @Override
    public void close() {
        stores.forEach(TimevaultStore::close);
        stores.clear();
    }
}
