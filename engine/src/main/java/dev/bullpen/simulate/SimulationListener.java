package dev.bullpen.simulate;

/** Told about a running simulation every second, on the simulator's sampling thread; must return quickly. */
@FunctionalInterface
public interface SimulationListener {
    SimulationListener NONE = s -> { };

    void snapshot(LiveSnapshot snapshot);
}
