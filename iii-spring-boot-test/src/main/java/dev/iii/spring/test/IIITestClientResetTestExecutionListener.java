package dev.iii.spring.test;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Removes the stubs a test registered on the context's {@link IIITestClient} after each test method, so the
 * next test, of this class or of another class sharing the cached context, starts without them.
 */
public class IIITestClientResetTestExecutionListener extends AbstractTestExecutionListener {

    @Override
    public int getOrder() {
        // Late, after the listeners that set the context up; nothing of ours depends on running early.
        return LOWEST_PRECEDENCE - 100;
    }

    @Override
    public void afterTestMethod(TestContext testContext) {
        if (testContext.hasApplicationContext()) {
            ApplicationContext context = testContext.getApplicationContext();
            context.getBeanProvider(IIITestClient.class).ifAvailable(IIITestClient::removeStubs);
        }
    }
}
