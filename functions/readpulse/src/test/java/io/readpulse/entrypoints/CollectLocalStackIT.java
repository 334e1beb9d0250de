package io.readpulse.entrypoints;

import io.readpulse.testkit.EnabledIfDocker;
import io.readpulse.testkit.Engine;
import io.readpulse.testkit.LocalStack;

/** The same collect tests against LocalStack, where Docker runs. */
@EnabledIfDocker
class CollectLocalStackIT extends CollectIT {
    @Override
    protected Engine startEngine() {
        return LocalStack.start();
    }
}
