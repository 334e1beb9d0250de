package io.readpulse.local;

import java.io.PrintStream;

/** The demo site's pages and the replay of real traffic through them ({@code --demo}). */
final class DemoTraffic {
    /** The demo article modelled on the page Readpulse was conceived from. */
    static final String FRONT_PAGE_ARTICLE = "/demo/world/summit-in-the-capital.html";

    private DemoTraffic() {
    }

    static void replay(LocalReadpulse local, PrintStream out) {
        out.println("--demo is not available yet");
    }
}
