/**
 * The checkout load simulator: drives the real {@link dev.bullpen.checkout.CheckoutService} and the real reward
 * workers, measures with HdrHistogram and checks the mall with the audit afterwards.
 *
 * <ul>
 * <li>{@link dev.bullpen.simulate.LoadSimulator} runs one {@link dev.bullpen.simulate.LoadProfile} (closed or
 * open loop, see {@link dev.bullpen.simulate.ArrivalPattern}) and returns a
 * {@link dev.bullpen.simulate.SimulationReport}; a {@link dev.bullpen.simulate.SimulationListener} gets a
 * {@link dev.bullpen.simulate.LiveSnapshot} every second (the console's simulator screen uses the same).</li>
 * <li>{@link dev.bullpen.simulate.Simulation} wires one whole run (Redis, database, checkout, workers, chaos,
 * audit, SLO verdicts) for the CLI and the console.</li>
 * <li>{@link dev.bullpen.simulate.RewardWorkers} is what one process runs to work the checkout queue
 * ({@code bullpen worker} and the embedded workers).</li>
 * </ul>
 */
package dev.bullpen.simulate;
